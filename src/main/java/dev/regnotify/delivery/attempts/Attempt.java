package dev.regnotify.delivery.attempts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.regnotify.delivery.http.StatusText;

/**
 * One attempt at an envelope, as the attempt log keeps it. Nothing secret: the receiver is named as host:port, and no
 * header value, URL credential, query value or signing secret is here.
 *
 * @param endpoint the endpoint's name
 * @param sequence its place in the endpoint's log, from 1 (0 until the log numbers it)
 * @param start when it started
 * @param duration how long it took
 * @param number which attempt at its envelope it was, from 1
 * @param events what the log keeps of its envelope's events, in order (packed: {@link EventSummary#of(List)})
 * @param eventIds the ids of its envelope's events, in order; read from {@code events} when those are given
 * @param bytes the bytes of the envelope's body
 * @param status the receiver's status code, or 0 when it gave none (or the transport has none, as a broker's)
 * @param body the first 4 KiB of the response's body, as text, or empty
 * @param error why there was no answer (host:port and the cause), or null
 * @param retryAfter the receiver's {@code Retry-After} as sent, or null
 * @param next what followed
 * @param retryAt with {@link Next#RETRY}, when the next attempt was due; else null
 * @since 0.3
 */
public record Attempt(String endpoint, long sequence, Instant start, Duration duration, int number,
        List<EventSummary> events, List<String> eventIds, long bytes, int status, String body, String error,
        String retryAfter, Next next, Instant retryAt) {

    /** What followed an attempt. */
    public enum Next {
        /** The receiver accepted the envelope. */
        DELIVERED("delivered"),
        /** It is attempted again at {@link #retryAt}. */
        RETRY("retry"),
        /** The receiver refused it as bad: it is sent again in halves. */
        SPLIT("split"),
        /** Its attempts ended: it is a dead letter. */
        DEAD_LETTER("dead letter"),
        /** The receiver is gone (410): the endpoint is disabled. */
        DISABLED("disabled"),
        /** The endpoint closed during the attempt; its events stay queued (or in the journal). */
        ABANDONED("abandoned at close"),
        /** A replayed dead letter was purged meanwhile: its replay ended. */
        PURGED("purged");

        private final String text;

        Next(String text) {
            this.text = text;
        }

        /** @return how the API and the page say it */
        public String text() {
            return text;
        }
    }

    /** Validates and copies. */
    public Attempt {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(next, "next");
        PackedSummaries packed = PackedSummaries.pack(events);
        events = packed;
        eventIds = packed.isEmpty() ? List.copyOf(eventIds) : packed.ids();
        body = body == null ? "" : body;
    }

    /**
     * An attempt that keeps its events' summaries.
     *
     * @param endpoint the endpoint's name
     * @param sequence its place in the endpoint's log (0 until the log numbers it)
     * @param start when it started
     * @param duration how long it took
     * @param number which attempt at its envelope it was
     * @param events what the log keeps of its envelope's events ({@link EventSummary#of(List)})
     * @param bytes the bytes of the envelope's body
     * @param status the receiver's status code, or 0
     * @param body the start of the response's body
     * @param error why there was no answer, or null
     * @param retryAfter the receiver's {@code Retry-After}, or null
     * @param next what followed
     * @param retryAt when the next attempt was due, or null
     */
    public Attempt(String endpoint, long sequence, Instant start, Duration duration, int number,
            List<EventSummary> events, long bytes, int status, String body, String error, String retryAfter,
            Next next, Instant retryAt) {
        this(endpoint, sequence, start, duration, number, events, List.of(), bytes, status, body, error,
                retryAfter, next, retryAt);
    }

    /** @return whether the receiver accepted its envelope */
    public boolean succeeded() {
        return next == Next.DELIVERED;
    }

    /** @return whether one of its events has that id */
    public boolean carries(String eventId) {
        return eventIds.contains(eventId);
    }

    /**
     * @return the receiver's status line and the start of its body ({@code 500 Internal Server Error: down}), or why
     *         there was no answer
     */
    public String answer() {
        if (error != null) {
            return error;
        }
        String line = status == 0 ? "accepted" : StatusText.line(status);
        String text = body.strip();
        return text.isEmpty() ? line : line + ": " + text;
    }

    /** @return what followed, as the API says it: {@code retry at <time>}, {@code split}, {@code dead letter} ... */
    public String nextText() {
        return next == Next.RETRY && retryAt != null ? "retry at " + retryAt : next.text();
    }

    /** @return this attempt with its place in the log */
    Attempt numbered(long place) {
        return new Attempt(endpoint, place, start, duration, number, events, eventIds, bytes, status, body, error,
                retryAfter, next, retryAt);
    }
}
