package dev.regnotify.delivery.events;

import java.time.Instant;
import java.util.List;

/**
 * An envelope ran out of attempts and became a dead letter.
 *
 * @param endpoint the endpoint's name
 * @param deadLetter the dead letter's id within the endpoint, or -1 if it could not be kept
 * @param eventIds the ids of its events, in order
 * @param attempts how many attempts it had
 * @param lastError the receiver's last status line and the start of its body, or why it could not be reached
 * @param time when it became a dead letter
 * @since 0.2
 */
public record DeliveryExhausted(String endpoint, long deadLetter, List<String> eventIds, int attempts,
        String lastError, Instant time) implements DeliveryEvent {

    /** Copies the ids. */
    public DeliveryExhausted {
        eventIds = List.copyOf(eventIds);
    }
}
