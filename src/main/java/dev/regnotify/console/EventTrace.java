package dev.regnotify.console;

import java.util.List;

import dev.regnotify.events.RegistryEvent;

/**
 * One event and every attempt that carried it, on every endpoint.
 *
 * @param event the event
 * @param attempts the attempts that carried it, newest first
 * @since 0.3
 */
public record EventTrace(RegistryEvent event, List<AttemptView> attempts) {

    /** Copies the attempts. */
    public EventTrace {
        attempts = List.copyOf(attempts);
    }
}
