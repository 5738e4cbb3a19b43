package dev.regnotify.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.regnotify.config.Format;
import dev.regnotify.events.ManifestPushed;
import dev.regnotify.events.RegistryEvent;

/**
 * CDEvents 0.5.1 artifact events in CloudEvents 1.0 JSON, structured mode ({@code application/cloudevents+json}, one
 * event per request) or batch mode ({@code application/cloudevents-batch+json}, an array). Each CloudEvent's
 * {@code data} is the whole CDEvent ({@code context} and {@code subject}), and its {@code id}, {@code source},
 * {@code type}, {@code time} are the CDEvent context's, its {@code subject} the CDEvent subject's id: a package URL
 * ({@link PackageUrl}). A manifest pushed with a tag is {@code artifact.published}, pulled {@code artifact.downloaded},
 * deleted {@code artifact.deleted}; a signature pushed, whose value its manifest carries, {@code artifact.signed} of
 * the manifest it signs ({@link CdEventType}). Other events are not {@linkplain #carries carried}.
 *
 * @since 0.4
 */
public final class CdEventsFormat implements EnvelopeFormat {

    /** The CDEvents specification the events follow: their {@code context.specversion}. */
    public static final String SPEC_VERSION = "0.5.1";
    private static final byte[] OPEN = {'['};
    private static final byte[] CLOSE = {']'};

    private final boolean batch;
    private final NotificationFactory notifications;

    /**
     * @param batch whether envelopes are arrays of events (batch mode)
     * @param notifications where the registry's host comes from (the base URL, or the request's host)
     */
    public CdEventsFormat(boolean batch, NotificationFactory notifications) {
        this.batch = batch;
        this.notifications = notifications;
    }

    @Override
    public String contentType() {
        return batch ? Format.CDEVENTS_BATCH.contentType() : Format.CDEVENTS.contentType();
    }

    @Override
    public boolean carries(RegistryEvent event) {
        return CdEventType.of(event) != null;
    }

    @Override
    public byte[] encode(RegistryEvent event) {
        CdEventType type = CdEventType.of(event);
        if (type == null) {
            throw new IllegalArgumentException("event " + event.id() + " (" + event.getClass().getSimpleName()
                    + ") has no CDEvents type");
        }
        String addr = event.metadata().source().addr();
        String source = addr.isEmpty() ? "regnotify" : "//" + authority(addr);
        String host = notifications.host(event);
        String subject = PackageUrl.oci(event.repository(), type.artifact(event), host.isEmpty() ? addr : host);
        String time = Rfc3339.format(event.timestamp());
        JsonOut out = new JsonOut(768).writeStartObject()
                .write("specversion", "1.0")
                .write("id", event.id())
                .write("source", source)
                .write("type", type.id())
                .write("subject", subject)
                .write("time", time);
        CloudEventsFormat.tracing(out, event.trace())
                .write("datacontenttype", "application/json")
                .writeStartObject("data")
                .writeStartObject("context")
                .write("specversion", SPEC_VERSION)
                .write("id", event.id())
                .write("source", source)
                .write("type", type.id())
                .write("timestamp", time)
                .writeEnd()
                .writeStartObject("subject")
                .write("id", subject)
                .writeStartObject("content");
        if (type == CdEventType.SIGNED) {
            out.write("signature", CdEventType.signature((ManifestPushed) event).signature());
        } else if (event.actor().isKnown()) {
            out.write("user", event.actor().name());
        }
        return out.writeEnd().writeEnd().writeEnd().writeEnd().toByteArray();
    }

    /**
     * @return the source address as a URI's authority, so that {@code //} before it makes the URI reference CDEvents
     *         requires even for {@code 10.0.0.5:5000} (which alone is none): what RFC 3986 does not allow there is
     *         percent-encoded
     */
    static String authority(String addr) {
        StringBuilder out = new StringBuilder(addr.length());
        for (byte b : addr.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@[]".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
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
        return "CdEventsFormat[" + (batch ? "batch" : "structured") + ", " + SPEC_VERSION + "]";
    }
}
