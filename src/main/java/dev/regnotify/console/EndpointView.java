package dev.regnotify.console;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One endpoint as the console shows it. Nothing secret: the URL is redacted, and no header is here.
 *
 * @param name its name
 * @param url its URL, redacted (scheme, host and port; the path and query as {@code <redacted>})
 * @param state what it is doing
 * @param pending events accepted and not yet delivered
 * @param counters its counters by name ({@code events}, {@code successes}, {@code failures}, {@code errors},
 *                 {@code dropped}, {@code attempts}, {@code deadLettered}, {@code deadLetters}, {@code replayed})
 * @param statuses the receiver's answers, count per status line ({@code 500 Internal Server Error})
 * @param lastSuccess when an attempt last succeeded, or null when not known
 * @param lastFailure the last failed attempt, or null when none is known
 * @since 0.3
 */
public record EndpointView(String name, String url, DeliveryState state, long pending, Map<String, Long> counters,
        Map<String, Long> statuses, Instant lastSuccess, Failure lastFailure) {

    /** Copies the maps. */
    public EndpointView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        counters = Map.copyOf(counters);
        statuses = Map.copyOf(statuses);
    }

    /**
     * A failed attempt.
     *
     * @param time when it failed
     * @param status the receiver's status code, or 0 when it could not be reached
     * @param error the status line and the start of the body, or why the receiver could not be reached (redacted)
     */
    public record Failure(Instant time, int status, String error) {
    }
}
