package dev.regnotify.delivery.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-28T23:00:00Z");

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    @Test
    void readsSeconds() {
        assertEquals(Duration.ofSeconds(1), RetryAfter.parse("1", NOW));
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse(" 120 ", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse("0", NOW));
        assertEquals(Duration.ofSeconds(9_999_999_999L), RetryAfter.parse("99999999999999999999", NOW),
                "too many digits is a long wait, for maxdelay to cap, not an error");
    }

    @Test
    void readsAnHttpDate() {
        assertEquals("Sat, 28 Nov 2026 23:00:30 GMT", httpDate(NOW.plusSeconds(30)));
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse("Sat, 28 Nov 2026 23:00:30 GMT", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse(httpDate(NOW.minusSeconds(30)), NOW), "a past date means now");
    }

    @Test
    void ignoresWhatIsNeither() {
        assertNull(RetryAfter.parse(null, NOW));
        assertNull(RetryAfter.parse("", NOW));
        assertNull(RetryAfter.parse("-5", NOW));
        assertNull(RetryAfter.parse("1.5", NOW));
        assertNull(RetryAfter.parse("soon", NOW));
    }
}
