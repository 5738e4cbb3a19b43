package dev.regnotify.events;

import java.time.Instant;
import java.util.Objects;

/**
 * What every registry event carries besides what happened: its id, when, and who asked from where.
 *
 * @param id the event's unique id; the notification sent for it carries the same id
 * @param timestamp when the operation completed
 * @param request the request that caused it
 * @param actor who caused it
 * @param source the registry instance that produced it
 * @since 0.1
 */
public record EventMetadata(String id, Instant timestamp, RequestRecord request, ActorRecord actor,
        SourceRecord source) {

    /** All fields are required. */
    public EventMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(source, "source");
    }
}
