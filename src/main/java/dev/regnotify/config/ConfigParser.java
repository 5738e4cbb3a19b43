package dev.regnotify.config;

import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Reads the JSON configuration, keeping the key path of every value so that each error names it. Unknown keys are
 * errors (a misspelt {@code treshold} would otherwise be silently ignored).
 */
final class ConfigParser {

    private static final List<String> TOP = List.of("notifications", "source", "baseurl");
    private static final List<String> NOTIFICATIONS = List.of("events", "endpoints", "draintimeout", "journal");
    private static final List<String> JOURNAL = List.of("directory", "fsync", "interval", "maxbytes", "segmentbytes");
    private static final List<String> EVENTS = List.of("includereferences");
    private static final List<String> ENDPOINT = List.of("name", "disabled", "url", "headers", "timeout",
            "threshold", "backoff", "ignoredmediatypes", "ignore", "batch", "format");
    private static final List<String> IGNORE = List.of("mediatypes", "actions");
    private static final List<String> BATCH = List.of("maxevents", "maxbytes");
    private static final List<String> SOURCE = List.of("addr", "instanceID");

    private ConfigParser() {
    }

    static RegnotifyConfig parse(String json) {
        JsonValue document;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            document = reader.readValue();
        } catch (JsonException e) {
            throw new ConfigException("", "the configuration is not JSON: " + e.getMessage(), e);
        }
        Node root = new Node("", document);
        root.object(TOP);
        Node notifications = root.field("notifications");
        boolean includeReferences = false;
        List<EndpointConfig> endpoints = List.of();
        Duration drain = RegnotifyConfig.DEFAULT_DRAIN_TIMEOUT;
        JournalConfig journal = null;
        if (notifications.present()) {
            notifications.object(NOTIFICATIONS);
            Node events = notifications.field("events");
            if (events.present()) {
                events.object(EVENTS);
                includeReferences = events.field("includereferences").bool(false);
            }
            endpoints = endpoints(notifications.field("endpoints"));
            drain = notifications.field("draintimeout").duration(drain, true);
            journal = journal(notifications.field("journal"));
        }
        SourceConfig source = SourceConfig.DEFAULT;
        Node sourceNode = root.field("source");
        if (sourceNode.present()) {
            sourceNode.object(SOURCE);
            source = new SourceConfig(sourceNode.field("addr").string(null), sourceNode.field("instanceID").string(null));
        }
        URI baseUrl = root.field("baseurl").url(true);
        // endpoint names are checked unique above, durations non-negative: the constructor accepts these
        return new RegnotifyConfig(includeReferences, endpoints, drain, source, baseUrl, journal);
    }

    private static JournalConfig journal(Node node) {
        if (!node.present()) {
            return null;
        }
        node.object(JOURNAL);
        String directory = node.field("directory").string(null);
        if (directory == null || directory.isBlank()) {
            throw new ConfigException(node.path + ".directory", "is required: the directory the journal is kept in");
        }
        JournalConfig.Fsync fsync = node.field("fsync").choice(JournalConfig.Fsync.INTERVAL,
                JournalConfig.Fsync.values(), f -> f.name().toLowerCase(java.util.Locale.ROOT));
        Duration interval = node.field("interval").duration(JournalConfig.DEFAULT_INTERVAL, false);
        long segmentBytes = node.field("segmentbytes").integer(JournalConfig.DEFAULT_SEGMENT_BYTES, 4096,
                Long.MAX_VALUE);
        long maxBytes = node.field("maxbytes").integer(Math.max(JournalConfig.DEFAULT_MAX_BYTES, segmentBytes),
                segmentBytes, Long.MAX_VALUE);
        return node.build(() -> new JournalConfig(java.nio.file.Path.of(directory), fsync, interval, maxBytes,
                segmentBytes), node.path);
    }

    private static List<EndpointConfig> endpoints(Node node) {
        if (!node.present()) {
            return List.of();
        }
        List<EndpointConfig> endpoints = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        List<Node> items = node.array();
        for (Node item : items) {
            EndpointConfig endpoint = endpoint(item);
            String previous = names.putIfAbsent(endpoint.name(), item.path);
            if (previous != null) {
                throw new ConfigException(item.path + ".name", "\"" + endpoint.name() + "\" is already the name of "
                        + previous);
            }
            endpoints.add(endpoint);
        }
        return endpoints;
    }

    private static EndpointConfig endpoint(Node node) {
        node.object(ENDPOINT);
        String name = node.field("name").string(null);
        if (name == null || name.isBlank()) {
            throw new ConfigException(node.path + ".name", "is required: every endpoint needs a name");
        }
        URI url = node.field("url").url(false);
        Map<String, List<String>> headers = node.field("headers").headers();
        Duration timeout = node.field("timeout").duration(EndpointConfig.DEFAULT_TIMEOUT, false);
        Duration backoff = node.field("backoff").duration(EndpointConfig.DEFAULT_BACKOFF, false);
        long threshold = node.field("threshold").integer(0, 0, Integer.MAX_VALUE);
        Set<String> mediaTypes = new LinkedHashSet<>(node.field("ignoredmediatypes").strings());
        Set<String> actions = new LinkedHashSet<>();
        Node ignore = node.field("ignore");
        if (ignore.present()) {
            ignore.object(IGNORE);
            mediaTypes.addAll(ignore.field("mediatypes").strings());
            Node actionsNode = ignore.field("actions");
            List<String> listed = actionsNode.strings();
            for (int i = 0; i < listed.size(); i++) {
                if (!IgnoreConfig.ACTIONS.contains(listed.get(i))) {
                    throw new ConfigException(actionsNode.path + "[" + i + "]", "\"" + listed.get(i)
                            + "\" is not an action (expected one of " + IgnoreConfig.ACTIONS + ")");
                }
            }
            actions.addAll(listed);
        }
        BatchConfig batch = BatchConfig.SINGLE;
        Node batchNode = node.field("batch");
        if (batchNode.present()) {
            batchNode.object(BATCH);
            batch = new BatchConfig((int) batchNode.field("maxevents").integer(1, 1, Integer.MAX_VALUE),
                    batchNode.field("maxbytes").integer(BatchConfig.SINGLE.maxBytes(), 1, Long.MAX_VALUE));
        }
        Format format = node.field("format").choice(Format.V1, Format.values(), Format::key);
        boolean disabled = node.field("disabled").bool(false);
        BatchConfig finalBatch = batch;
        // distribution takes zero (or absent) as "use the default"
        int finalThreshold = threshold == 0 ? EndpointConfig.DEFAULT_THRESHOLD : (int) threshold;
        return node.build(() -> new EndpointConfig(name, disabled, url, headers, timeout, finalThreshold, backoff,
                new IgnoreConfig(mediaTypes, actions), finalBatch, format), node.path);
    }

    /** A value and its key path. */
    private record Node(String path, JsonValue value) {

        boolean present() {
            return value != null && value.getValueType() != JsonValue.ValueType.NULL;
        }

        Node field(String key) {
            JsonValue child = value instanceof JsonObject object ? object.get(key) : null;
            return new Node(path.isEmpty() ? key : path + "." + key, child);
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

        List<Node> array() {
            if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
                throw fail("expected an array, got " + describe());
            }
            List<Node> items = new ArrayList<>();
            for (JsonValue item : value.asJsonArray()) {
                items.add(new Node(path + "[" + items.size() + "]", item));
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

        Duration duration(Duration otherwise, boolean zeroAllowed) {
            String text = string(null);
            if (text == null) {
                return otherwise;
            }
            Duration duration;
            try {
                duration = Durations.parse(text);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw fail("\"" + text + "\" is not a duration (expected Go syntax such as 500ms, 1s or 1m30s)");
            }
            if (duration.isNegative()) {
                throw fail("\"" + text + "\" is negative");
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
            try {
                URI uri = new URI(text);
                if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        || uri.getHost() == null) {
                    throw fail("\"" + text + "\" is not an absolute http or https URL");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw fail("\"" + text + "\" is not a URL: " + e.getReason());
            }
        }

        List<String> strings() {
            if (!present()) {
                return List.of();
            }
            List<String> strings = new ArrayList<>();
            for (Node item : array()) {
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
                Node values = field(name);
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

        <T> T build(java.util.function.Supplier<T> constructor, String where) {
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
}
