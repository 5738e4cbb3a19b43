package dev.regnotify.console;

import java.util.List;

import dev.regnotify.delivery.attempts.EventSummary;
import dev.regnotify.events.RegistryEvent;

/**
 * One event and every attempt that carried it, on every endpoint.
 *
 * @param event what the attempt log keeps of the event: id, type, action, repository, digest, time
 * @param attempts the attempts that carried it, newest first
 * @since 0.3
 */
public record EventTrace(EventSummary event, List<AttemptView> attempts) {

    /** Copies the attempts. */
    public EventTrace {
        attempts = List.copyOf(attempts);
    }

    /**
     * A trace of an event one has whole (a source of one's own).
     *
     * @param event the event
     * @param attempts the attempts that carried it, newest first
     */
    public EventTrace(RegistryEvent event, List<AttemptView> attempts) {
        this(EventSummary.of(event), attempts);
    }
}
