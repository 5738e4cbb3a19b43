package dev.regnotify.wire;

import java.time.Instant;
import java.util.Objects;

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;

/**
 * One event of distribution's notification envelope: the wire model, independent of the JSON shape.
 *
 * @param id the event id; the same as the registry event's, and the same across retries
 * @param timestamp when the operation completed
 * @param action {@code push}, {@code pull}, {@code mount} or {@code delete}
 * @param target what it is about
 * @param request the request that caused it
 * @param actor who caused it
 * @param source the registry instance that produced it
 * @since 0.1
 */
public record Notification(String id, Instant timestamp, String action, Target target, RequestRecord request,
        ActorRecord actor, SourceRecord source) {

    /** All fields are required. */
    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(source, "source");
    }
}
