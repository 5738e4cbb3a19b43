package dev.regnotify.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.regnotify.events.TraceContext;

/**
 * One POST: the body, its content type, how many events it carries, and headers beyond the endpoint's configured
 * ones (a signing sink adds its signature here; an envelope of one event with a trace context carries its
 * {@code traceparent} and {@code tracestate} here).
 *
 * @param body the encoded envelope
 * @param contentType its content type
 * @param events how many events it carries
 * @param headers headers to add to the endpoint's own
 * @param traces the trace contexts of its events that have one, in order (since 0.4)
 * @param resends how many times this envelope was sent before this attempt (since 0.4)
 * @since 0.1
 */
public record Envelope(byte[] body, String contentType, int events, Map<String, String> headers,
        List<TraceContext> traces, int resends) {

    /** Copies the headers and the traces. */
    public Envelope {
        headers = Map.copyOf(headers);
        traces = List.copyOf(traces);
        if (resends < 0) {
            throw new IllegalArgumentException("resends is " + resends + ", not 0 or more");
        }
    }

    /**
     * An envelope without trace contexts, on its first attempt.
     *
     * @param body the encoded envelope
     * @param contentType its content type
     * @param events how many events it carries
     * @param headers headers to add to the endpoint's own
     */
    public Envelope(byte[] body, String contentType, int events, Map<String, String> headers) {
        this(body, contentType, events, headers, List.of(), 0);
    }

    /**
     * @param replaced the headers to send instead
     * @return this envelope with those headers
     * @since 0.4
     */
    public Envelope withHeaders(Map<String, String> replaced) {
        return new Envelope(body, contentType, events, replaced, traces, resends);
    }

    /**
     * @param trace the trace context the receiver continues, or {@link TraceContext#NONE}
     * @return this envelope with {@code traceparent} and {@code tracestate} headers of that context (the latter only
     *         when it has one), or without them for none
     * @since 0.4
     */
    public Envelope withTraceHeaders(TraceContext trace) {
        Map<String, String> replaced = new LinkedHashMap<>(headers);
        replaced.remove("traceparent");
        replaced.remove("tracestate");
        if (trace.isPresent()) {
            replaced.put("traceparent", trace.traceparent());
            if (!trace.tracestate().isEmpty()) {
                replaced.put("tracestate", trace.tracestate());
            }
        }
        return withHeaders(replaced);
    }

    /**
     * @param count how many times it was sent before
     * @return this envelope, sent again
     * @since 0.4
     */
    public Envelope resent(int count) {
        return count == resends ? this : new Envelope(body, contentType, events, headers, traces, count);
    }
}
