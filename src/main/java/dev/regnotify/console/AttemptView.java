package dev.regnotify.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One attempt at an envelope, as the attempt log keeps it.
 *
 * @param endpoint the endpoint's name
 * @param start when it started
 * @param duration how long it took
 * @param attempt which attempt at its envelope it was, from 1
 * @param eventIds the ids of its envelope's events
 * @param bytes the bytes sent
 * @param succeeded whether the receiver accepted it (2xx)
 * @param status the receiver's status code, or 0 when it could not be reached
 * @param answer the status line and the first 4 KiB of the body as text, or the error (host:port and cause,
 *               redacted)
 * @param retryAfter the receiver's {@code Retry-After}, or null
 * @param next what happened next: {@code retry at <time>}, {@code split}, {@code dead letter}, {@code disabled},
 *             or empty after a success
 * @since 0.3
 */
public record AttemptView(String endpoint, Instant start, Duration duration, int attempt, List<String> eventIds,
        long bytes, boolean succeeded, int status, String answer, String retryAfter, String next) {

    /** Copies the ids. */
    public AttemptView {
        eventIds = List.copyOf(eventIds);
    }

    /** Which attempts to list. */
    public enum Outcome {
        /** Every attempt. */
        ANY,
        /** Attempts the receiver accepted. */
        SUCCEEDED,
        /** Attempts refused or not delivered. */
        FAILED
    }
}
