package dev.regnotify.delivery.events;

import java.time.Instant;
import java.util.List;

/**
 * An attempt at an envelope failed.
 *
 * @param endpoint the endpoint's name
 * @param eventIds the ids of the envelope's events, in order
 * @param status the receiver's status code, or 0 when it could not be reached
 * @param error the receiver's status line and the start of its body, or why it could not be reached
 * @param attempt which attempt at this envelope it was, from 1
 * @param nextAttempt when the next attempt is due; null when there is none (the envelope became a dead letter, or
 *                    the endpoint is disabled)
 * @param time when the attempt failed
 * @since 0.2
 */
public record DeliveryFailed(String endpoint, List<String> eventIds, int status, String error, int attempt,
        Instant nextAttempt, Instant time) implements DeliveryEvent {

    /** Copies the ids. */
    public DeliveryFailed {
        eventIds = List.copyOf(eventIds);
    }
}
