package dev.regnotify.console;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import dev.regnotify.config.Durations;

/** Reads the API's query parameters; each error says what was expected and never quotes the value given. */
final class Params {

    /** The most attempts one request lists. */
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 50;
    /** The longest window of rates. */
    static final Duration MAX_WINDOW = Duration.ofDays(1);
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    private Params() {
    }

    static int limit(Query query) {
        String text = query.get("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, as a limit out of range
        }
        throw ConsoleException.badRequest("bad-limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    static AttemptView.Outcome outcome(Query query) {
        String text = query.get("outcome");
        if (text == null) {
            return AttemptView.Outcome.ANY;
        }
        return switch (text) {
            case "failed" -> AttemptView.Outcome.FAILED;
            case "succeeded" -> AttemptView.Outcome.SUCCEEDED;
            default -> throw ConsoleException.badRequest("bad-outcome", "outcome must be failed or succeeded");
        };
    }

    static Instant since(Query query) {
        String text = query.get("since");
        if (text == null) {
            throw ConsoleException.badRequest("bad-time", "since is required: an RFC 3339 time such as "
                    + "2026-12-03T14:00:00Z");
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw ConsoleException.badRequest("bad-time", "since must be an RFC 3339 time with its offset, such as "
                    + "2026-12-03T14:00:00Z or 2026-12-03T15:00:00+01:00");
        }
    }

    static Duration window(Query query) {
        String text = query.get("window");
        if (text == null) {
            return DEFAULT_WINDOW;
        }
        try {
            Duration window = Durations.parse(text);
            if (!window.isNegative() && !window.isZero() && window.compareTo(MAX_WINDOW) <= 0) {
                return window;
            }
        } catch (RuntimeException e) {
            // answered below
        }
        throw ConsoleException.badRequest("bad-window", "window must be a duration in Go's syntax, such as 15m or "
                + "1h, longer than zero and at most 24h");
    }

    static long id(Query query) {
        String text = query.get("id");
        try {
            long id = Long.parseLong(text);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ConsoleException.badRequest("bad-id", "id must be a dead letter's id, a whole number");
    }
}
