package dev.regnotify.delivery;

import java.util.Map;

/**
 * One POST: the body, its content type, how many events it carries, and headers beyond the endpoint's configured
 * ones (a signing sink adds its signature here).
 *
 * @param body the encoded envelope
 * @param contentType its content type
 * @param events how many events it carries
 * @param headers headers to add to the endpoint's own
 * @since 0.1
 */
public record Envelope(byte[] body, String contentType, int events, Map<String, String> headers) {

    /** Copies the headers. */
    public Envelope {
        headers = Map.copyOf(headers);
    }
}
