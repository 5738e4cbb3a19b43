package dev.regnotify.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes the console's answers: maps (in their order), lists, strings, numbers (integers, {@code BigDecimal}),
 * booleans, times (RFC 3339, UTC), durations (as milliseconds) and null. Strings are escaped so that the JSON is safe
 * inside any page: besides {@code "}, {@code \} and control characters, {@code <}, {@code >}, {@code &} and the line
 * separators U+2028 and U+2029 are written as {@code \}{@code u} escapes.
 */
final class JsonWriter {

    private JsonWriter() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        value(out, value);
        return out.toString();
    }

    private static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof java.math.BigDecimal) {
            out.append(value);
        } else if (value instanceof Instant time) {
            string(out, time.toString());
        } else if (value instanceof Duration duration) {
            // milliseconds, to the microsecond: a receiver on the same host answers in less than one
            out.append(java.math.BigDecimal.valueOf(duration.toNanos() / 1000, 3).stripTrailingZeros()
                    .toPlainString());
        } else if (value instanceof Map<?, ?> map) {
            object(out, map);
        } else if (value instanceof List<?> list) {
            array(out, list);
        } else {
            throw new IllegalArgumentException("no JSON for a " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> member : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, member.getKey().toString());
            out.append(':');
            value(out, member.getValue());
        }
        out.append('}');
    }

    private static void array(StringBuilder out, List<?> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            value(out, list.get(i));
        }
        out.append(']');
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
