package dev.regnotify.wire;

import java.util.List;

import dev.regnotify.config.Format;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.TraceContext;

/**
 * CloudEvents 1.0 in JSON: structured mode ({@code application/cloudevents+json}, one event per request) or batch mode
 * ({@code application/cloudevents-batch+json}, an array). Each event's {@code data} is the distribution event object
 * (the {@code v1} shape), {@code type} is the prefix and the event's family and action
 * ({@code dev.regnotify.manifest.pushed}), {@code source} the notification's source address, {@code subject}
 * {@code repository@digest}, or {@code repository:tag} for a tag's deletion, or the repository. An event whose
 * operation had a trace context carries it as the distributed-tracing extension ({@code traceparent},
 * {@code tracestate}).
 *
 * @since 0.1
 */
public final class CloudEventsFormat implements EnvelopeFormat {

    private static final byte[] OPEN = {'['};
    private static final byte[] CLOSE = {']'};

    private final boolean batch;
    private final String typePrefix;
    private final NotificationFactory notifications;
    private final NotificationSerializer data = new NotificationSerializer(Format.V1);

    /**
     * @param batch whether envelopes are arrays of events (batch mode)
     * @param typePrefix what each {@code type} starts with
     * @param notifications how events become notifications
     */
    public CloudEventsFormat(boolean batch, String typePrefix, NotificationFactory notifications) {
        this.batch = batch;
        this.typePrefix = typePrefix;
        this.notifications = notifications;
    }

    @Override
    public String contentType() {
        return batch ? Format.CLOUDEVENTS_BATCH.contentType() : Format.CLOUDEVENTS.contentType();
    }

    @Override
    public byte[] encode(RegistryEvent event) {
        Notification n = notifications.create(event);
        String source = n.source().addr().isEmpty() ? "regnotify" : n.source().addr();
        JsonOut out = new JsonOut(1024).writeStartObject()
                .write("specversion", "1.0")
                .write("id", n.id())
                .write("source", source)
                .write("type", typePrefix + "." + type(event))
                .write("subject", subject(n.target()))
                .write("time", Rfc3339.format(n.timestamp()));
        return tracing(out, event.trace())
                .write("datacontenttype", "application/json")
                .writeRaw("data", data.encode(n))
                .writeEnd().toByteArray();
    }

    /** The distributed-tracing extension: the operation's trace context, when it has one. */
    static JsonOut tracing(JsonOut out, TraceContext trace) {
        if (trace.isPresent()) {
            out.write("traceparent", trace.traceparent());
            if (!trace.tracestate().isEmpty()) {
                out.write("tracestate", trace.tracestate());
            }
        }
        return out;
    }

    /** @return the event's family and action, past tense: {@code manifest.pushed}, {@code tag.deleted} */
    static String type(RegistryEvent event) {
        String name = event.getClass().getSimpleName(); // ManifestPushed, BlobMounted, TagDeleted ...
        int verb = 1;
        while (verb < name.length() && !Character.isUpperCase(name.charAt(verb))) {
            verb++;
        }
        return name.substring(0, verb).toLowerCase(java.util.Locale.ROOT) + "."
                + name.substring(verb).toLowerCase(java.util.Locale.ROOT);
    }

    private static String subject(Target target) {
        if (!target.digest().isEmpty()) {
            return target.repository() + "@" + target.digest();
        }
        String tag = target.tag();
        return tag == null || tag.isEmpty() ? target.repository() : target.repository() + ":" + tag;
    }

    @Override
    public byte[] envelope(List<byte[]> encodedEvents) {
        return batch ? JsonOut.join(OPEN, encodedEvents, CLOSE) : encodedEvents.get(0);
    }

    @Override
    public int overhead() {
        return batch ? OPEN.length + CLOSE.length + 1 : 0;
    }

    @Override
    public boolean batches() {
        return batch;
    }

    @Override
    public String toString() {
        return "CloudEventsFormat[" + (batch ? "batch" : "structured") + ", " + typePrefix + "]";
    }
}
