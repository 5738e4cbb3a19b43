package dev.regnotify.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Timestamps as Go's {@code time.RFC3339Nano} writes them: UTC, fraction without trailing zeros. Written digit by
 * digit: {@code DateTimeFormatter} and {@code String.format} took a third of an event's encoding time.
 */
final class Rfc3339 {

    /** The longest text: {@code 2006-01-02T15:04:05.999999999Z} with the longest year an instant has. */
    static final int MAX_LENGTH = 40;

    private Rfc3339() {
    }

    static String format(Instant instant) {
        byte[] text = new byte[MAX_LENGTH];
        return new String(text, 0, write(instant, text, 0), StandardCharsets.US_ASCII);
    }

    /**
     * Writes the text into bytes, without the strings and builder {@link #format} would make per event.
     *
     * @return where the text ends
     */
    static int write(Instant instant, byte[] into, int at) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        at = year(into, at, t.getYear());
        into[at++] = '-';
        at = digits(into, at, t.getMonthValue(), 2);
        into[at++] = '-';
        at = digits(into, at, t.getDayOfMonth(), 2);
        into[at++] = 'T';
        at = digits(into, at, t.getHour(), 2);
        into[at++] = ':';
        at = digits(into, at, t.getMinute(), 2);
        into[at++] = ':';
        at = digits(into, at, t.getSecond(), 2);
        int nanos = instant.getNano();
        if (nanos != 0) {
            int length = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                length--;
            }
            into[at++] = '.';
            at = digits(into, at, nanos, length);
        }
        into[at++] = 'Z';
        return at;
    }

    /** Years beyond 0 to 9999 as they always were: their decimal text, zeros before it up to 4 characters. */
    private static int year(byte[] into, int at, int year) {
        if (year >= 0 && year <= 9999) {
            return digits(into, at, year, 4);
        }
        String text = Integer.toString(year);
        for (int i = text.length(); i < 4; i++) {
            into[at++] = '0';
        }
        for (int i = 0; i < text.length(); i++) {
            into[at++] = (byte) text.charAt(i);
        }
        return at;
    }

    /** Writes a value of 0 or more in exactly {@code width} digits, zeros first. */
    private static int digits(byte[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
