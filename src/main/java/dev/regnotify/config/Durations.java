package dev.regnotify.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in Go's syntax, as distribution's configuration writes them: a sequence of decimal numbers, each with an
 * optional fraction and a unit ({@code ns}, {@code us} or {@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}),
 * such as {@code 500ms}, {@code 1.5s} or {@code 1m30s}; {@code 0} alone is zero.
 *
 * @since 0.1
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private Durations() {
    }

    /**
     * @param text a Go duration
     * @return the duration
     * @throws IllegalArgumentException if the text is not a Go duration
     */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("an empty string is not a duration");
        }
        String body = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (body.equals("0")) {
            return Duration.ZERO;
        }
        Matcher part = PART.matcher(body);
        long nanos = 0;
        int at = 0;
        while (at < body.length()) {
            if (!part.find(at) || part.start() != at) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration");
            }
            try {
                nanos = Math.addExact(nanos, nanosOf(part.group(1), part.group(2)));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("\"" + text + "\" is longer than the longest duration, "
                        + format(Duration.ofNanos(Long.MAX_VALUE)));
            }
            at = part.end();
        }
        if (at == 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration");
        }
        return Duration.ofNanos(text.startsWith("-") ? -nanos : nanos);
    }

    /**
     * @param duration a duration
     * @return it in Go's syntax, as short as exact: {@code 500ms}, {@code 1m30s}, {@code 0s}
     */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder(nanos < 0 ? "-" : "");
        long rest = Math.abs(nanos);
        long[] sizes = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
        String[] units = {"h", "m", "s", "ms", "us", "ns"};
        for (int i = 0; i < sizes.length; i++) {
            if (rest >= sizes[i]) {
                out.append(rest / sizes[i]).append(units[i]);
                rest %= sizes[i];
            }
        }
        return out.toString();
    }

    private static long nanosOf(String number, String unit) {
        long scale = switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        // exact: a duration beyond about 292 years must not wrap around into a short one
        return new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(scale))
                .setScale(0, java.math.RoundingMode.DOWN).longValueExact();
    }
}
