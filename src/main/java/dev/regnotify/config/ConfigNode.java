package dev.regnotify.config;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A value of the configuration document and its key path, with the readers that check its kind and say, naming the
 * path, what was expected.
 */
record ConfigNode(String path, JsonValue value) {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.config");
    private static final String DURATION_EXAMPLES = "\"500ms\", \"1s\" or \"1m30s\"";

    boolean present() {
        return value != null && value.getValueType() != JsonValue.ValueType.NULL;
    }

    ConfigNode field(String key) {
        JsonValue child = value instanceof JsonObject object ? object.get(key) : null;
        return new ConfigNode(path.isEmpty() ? key : path + "." + key, child);
    }

    JsonObject object(List<String> known) {
        if (!(value instanceof JsonObject object)) {
            throw fail("expected an object, got " + describe());
        }
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                throw new ConfigException(path.isEmpty() ? key : path + "." + key,
                        "unknown key (known keys here: " + String.join(", ", known) + ")");
            }
        }
        return object;
    }

    List<ConfigNode> array() {
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw fail("expected an array, got " + describe());
        }
        List<ConfigNode> items = new ArrayList<>();
        for (JsonValue item : value.asJsonArray()) {
            items.add(new ConfigNode(path + "[" + items.size() + "]", item));
        }
        return items;
    }

    String string(String otherwise) {
        if (!present()) {
            return otherwise;
        }
        if (!(value instanceof JsonString string)) {
            throw fail("expected a string, got " + describe());
        }
        return string.getString();
    }

    boolean bool(boolean otherwise) {
        if (!present()) {
            return otherwise;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw fail("expected true or false, got " + describe());
        }
        return value == JsonValue.TRUE;
    }

    long integer(long otherwise, long min, long max) {
        if (!present()) {
            return otherwise;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw fail("expected a whole number, got " + describe());
        }
        long n;
        try {
            n = number.longValueExact();
        } catch (ArithmeticException e) {
            throw fail(describe() + " is too large");
        }
        if (n < min || n > max) {
            throw fail(n + " is out of range (expected " + min + " to " + max + ")");
        }
        return n;
    }

    /** A duration of ours: a string in Go's syntax; a bare number is refused, saying how to write one. */
    Duration duration(Duration otherwise, boolean zeroAllowed) {
        if (value instanceof JsonNumber) {
            throw fail("expected a duration, a string with a unit such as " + DURATION_EXAMPLES + ", got "
                    + describe());
        }
        return checked(durationText(), otherwise, zeroAllowed, "\"" + string(null) + "\"");
    }

    /**
     * One of distribution's durations ({@code timeout}, {@code backoff}): a string in Go's syntax, or, as Go's
     * {@code time.Duration} reads a number in distribution's YAML, a whole number of nanoseconds (said in
     * {@code RN-405}, since {@code 1000} is easily meant as something longer than a microsecond).
     */
    Duration distributionDuration(Duration otherwise) {
        if (!(value instanceof JsonNumber number)) {
            return duration(otherwise, false);
        }
        BigDecimal exact = number.bigDecimalValue();
        if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
            throw fail(describe() + " is not a whole number of nanoseconds (a duration is a string with a unit, such "
                    + "as " + DURATION_EXAMPLES + ")");
        }
        if (exact.signum() < 0) {
            throw fail(describe() + " is negative");
        }
        long nanos;
        try {
            nanos = exact.longValueExact();
        } catch (ArithmeticException e) {
            throw fail(describe() + " is longer than the longest duration (" + Long.MAX_VALUE + " nanoseconds)");
        }
        Duration duration = Duration.ofNanos(nanos);
        LOG.log(Level.INFO, "RN-405 {0}: the number {1} is read as nanoseconds, as distribution reads it: {2}",
                path, number.toString(), Durations.format(duration));
        return checked(duration, otherwise, false, describe());
    }

    private Duration durationText() {
        String text = string(null);
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw fail("\"" + text + "\" is not a duration (expected Go syntax such as 500ms, 1s or 1m30s)");
        }
    }

    private Duration checked(Duration duration, Duration otherwise, boolean zeroAllowed, String given) {
        if (duration == null) {
            return otherwise;
        }
        if (duration.isNegative()) {
            throw fail(given + " is negative");
        }
        // distribution takes zero as "use the default"
        return duration.isZero() && !zeroAllowed ? otherwise : duration;
    }

    URI url(boolean optional) {
        String text = string(null);
        if (text == null || (optional && text.isEmpty())) {
            if (optional) {
                return null;
            }
            throw fail("is required: the http or https URL to POST notifications to");
        }
        // the value is shown as Redaction shows URLs: its path or query may be the secret
        try {
            URI uri = new URI(text);
            if (!uri.isAbsolute()) {
                throw fail("is not an absolute http or https URL: it does not start with http:// or https:// (not "
                        + "quoted: a URL may hold a secret)");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw fail("\"" + Redaction.url(text) + "\" is not an absolute http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw fail("\"" + Redaction.url(text) + "\" is not a URL: " + e.getReason()
                    + (e.getIndex() < 0 ? "" : " at index " + e.getIndex()));
        }
    }

    List<String> strings() {
        if (!present()) {
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        for (ConfigNode item : array()) {
            strings.add(item.string(null) == null ? item.failNull() : item.string(null));
        }
        return strings;
    }

    Map<String, List<String>> headers() {
        if (!present()) {
            return Map.of();
        }
        if (!(value instanceof JsonObject object)) {
            throw fail("expected an object of header names to lists of values, got " + describe());
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : object.keySet()) {
            ConfigNode values = field(name);
            // distribution writes a list per header; a single string is taken as a list of one
            headers.put(name, values.value instanceof JsonString s ? List.of(s.getString()) : values.strings());
        }
        return headers;
    }

    <E> E choice(E otherwise, E[] options, Function<E, String> key) {
        String text = string(null);
        if (text == null) {
            return otherwise;
        }
        List<String> keys = new ArrayList<>();
        for (E option : options) {
            if (key.apply(option).equals(text)) {
                return option;
            }
            keys.add(key.apply(option));
        }
        throw fail("\"" + text + "\" is not one of " + keys);
    }

    <T> T build(Supplier<T> constructor, String where) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where, e.getMessage(), e);
        }
    }

    String failNull() {
        throw fail("expected a string, got null");
    }

    ConfigException fail(String reason) {
        return new ConfigException(path, reason);
    }

    private String describe() {
        if (value == null) {
            return "nothing";
        }
        return switch (value.getValueType()) {
            case STRING -> "the string " + value;
            case NUMBER -> "the number " + value;
            case TRUE, FALSE -> value.toString();
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
        };
    }
}
