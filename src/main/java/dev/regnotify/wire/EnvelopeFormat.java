package dev.regnotify.wire;

import java.util.List;

import dev.regnotify.events.RegistryEvent;

/**
 * How an endpoint's notifications become bytes on the wire: each event encoded once, then several encoded events
 * joined into one envelope. Distribution's two shapes implement it; CloudEvents would be another implementation.
 *
 * @since 0.1
 */
public interface EnvelopeFormat {

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
}
