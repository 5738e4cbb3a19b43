package dev.regnotify.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.regnotify.config.Format;
import dev.regnotify.events.RegistryEvent;

/**
 * distribution's envelope, {@code {"events":[...]}}, in the {@code v1} or {@code v2} shape, written by
 * {@link NotificationSerializer} straight into bytes (a JSON-P generator per event cost five times as much, measured
 * with batches of 100, where encoding bounds the rate). Envelopes are written compact:
 * distribution indents them, which no JSON reader notices, and which costs bytes on every POST.
 *
 * @since 0.1
 */
public final class DistributionFormat implements EnvelopeFormat {

    private static final byte[] OPEN = "{\"events\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.UTF_8);

    private final Format format;
    private final NotificationFactory notifications;
    private final NotificationSerializer serializer;


    /**
     * @param format the shape to write
     * @param notifications how events become notifications (base URL, references)
     */
    public DistributionFormat(Format format, NotificationFactory notifications) {
        this.format = format;
        this.notifications = notifications;
        this.serializer = new NotificationSerializer(format);
    }

    @Override
    public String contentType() {
        return format.contentType();
    }

    @Override
    public byte[] encode(RegistryEvent event) {
        return encode(notifications.create(event));
    }

    /**
     * @param notification a notification
     * @return its encoding in this shape
     */
    public byte[] encode(Notification notification) {
        return serializer.encode(notification);
    }

    @Override
    public byte[] envelope(List<byte[]> encodedEvents) {
        return JsonOut.join(OPEN, encodedEvents, CLOSE);
    }

    @Override
    public int overhead() {
        return OPEN.length + CLOSE.length + 1;
    }
}
