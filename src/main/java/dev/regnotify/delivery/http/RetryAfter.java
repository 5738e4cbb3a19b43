package dev.regnotify.delivery.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code Retry-After} header (RFC 9110, section 10.2.3): a number of seconds, or an HTTP date. A value
 * that is neither is ignored rather than trusted, and a date in the past means "now".
 */
final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param value the header's value, or {@code null}
     * @param now the time the answer arrived
     * @return the wait asked for, or {@code null} when there is none to honour
     */
    static Duration parse(String value, Instant now) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // more than ten digits is more than three centuries; the endpoint's maxdelay caps it anyway
            return text.length() > 10 ? Duration.ofSeconds(9_999_999_999L) : Duration.ofSeconds(Long.parseLong(text));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
