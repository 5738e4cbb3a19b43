package dev.regnotify.wire;

import java.util.List;

import dev.regnotify.config.Format;
import dev.regnotify.events.RegistryEvent;

/**
 * How an endpoint's notifications become bytes on the wire: each event encoded once, then several encoded events
 * joined into one envelope. Distribution's two shapes implement it, CloudEvents ({@link CloudEventsFormat}) and
 * CDEvents ({@link CdEventsFormat}).
 *
 * @since 0.1
 */
public interface EnvelopeFormat {

    /**
     * @param format the endpoint's {@code format}
     * @param typePrefix what a CloudEvents {@code type} starts with
     * @param notifications how events become notifications
     * @return the envelope format
     */
    static EnvelopeFormat of(Format format, String typePrefix, NotificationFactory notifications) {
        return switch (format) {
            case V1, V2 -> new DistributionFormat(format, notifications);
            case CLOUDEVENTS, CLOUDEVENTS_BATCH -> new CloudEventsFormat(format == Format.CLOUDEVENTS_BATCH,
                    typePrefix, notifications);
            case CDEVENTS, CDEVENTS_BATCH -> new CdEventsFormat(format == Format.CDEVENTS_BATCH, notifications);
        };
    }

    /**
     * @param event one registry event
     * @return whether this format has a shape for it; if not, the endpoint takes it from its queue, does not send it,
     *         and counts it as skipped (CDEvents has no type for a blob's, a tag's or a repository's events)
     * @since 0.4
     */
    default boolean carries(RegistryEvent event) {
        return true;
    }

    /** @return the {@code Content-Type} of the envelopes */
    String contentType();

    /**
     * @param event one registry event
     * @return its notification's encoding, to be placed in an envelope
     */
    byte[] encode(RegistryEvent event);

    /**
     * @param encodedEvents events from {@link #encode}, in order
     * @return the envelope that carries them
     */
    byte[] envelope(List<byte[]> encodedEvents);

    /** @return how many bytes an envelope adds around its events, and between two of them */
    int overhead();

    /** @return whether an envelope may carry several events; if not, each goes alone whatever the batch limits */
    default boolean batches() {
        return true;
    }
}
