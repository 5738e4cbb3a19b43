package dev.regnotify.events;

import java.time.Instant;
import java.util.Objects;

/**
 * What every registry event carries besides what happened: its id, when, who asked from where, and the trace of the
 * operation.
 *
 * @param id the event's unique id; the notification sent for it carries the same id
 * @param timestamp when the operation completed
 * @param request the request that caused it
 * @param actor who caused it
 * @param source the registry instance that produced it
 * @param trace the W3C Trace Context of the operation, or {@link TraceContext#NONE} (since 0.4)
 * @since 0.1
 */
public record EventMetadata(String id, Instant timestamp, RequestRecord request, ActorRecord actor,
        SourceRecord source, TraceContext trace) {

    /** All fields are required; a null trace is {@link TraceContext#NONE}. */
    public EventMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(source, "source");
        trace = Objects.requireNonNullElse(trace, TraceContext.NONE);
    }

    /**
     * Metadata without a trace context, as before 0.4.
     *
     * @param id the event's unique id
     * @param timestamp when the operation completed
     * @param request the request that caused it
     * @param actor who caused it
     * @param source the registry instance that produced it
     */
    public EventMetadata(String id, Instant timestamp, RequestRecord request, ActorRecord actor,
            SourceRecord source) {
        this(id, timestamp, request, actor, source, TraceContext.NONE);
    }
}
