package dev.regnotify.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/** Reads JSON in tests and compares documents field by field, keys in order. */
public final class JsonDocs {

    private JsonDocs() {
    }

    public static JsonObject parse(String json) {
        try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    public static JsonObject parse(byte[] json) {
        return parse(new String(json, StandardCharsets.UTF_8));
    }

    public static JsonObject resource(String name) {
        try (InputStream in = JsonDocs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the events of an envelope */
    public static List<JsonObject> events(JsonObject envelope) {
        List<JsonObject> events = new ArrayList<>();
        for (JsonValue event : envelope.getJsonArray("events")) {
            events.add(event.asJsonObject());
        }
        return events;
    }

    /**
     * Asserts the same keys in the same order at every level, the same kinds of values, and equal values except under
     * the keys named (whose values are test data, such as ids and timestamps).
     */
    public static void assertSameShape(JsonValue expected, JsonValue actual, Set<String> exempt, String path) {
        assertEquals(expected.getValueType(), actual.getValueType(), path + ": kind of value");
        if (expected instanceof JsonObject e) {
            JsonObject a = actual.asJsonObject();
            assertEquals(List.copyOf(e.keySet()), List.copyOf(a.keySet()), path + ": keys in order");
            for (String key : e.keySet()) {
                if (exempt.contains(key) && !(e.get(key) instanceof JsonObject)) {
                    assertEquals(e.get(key).getValueType(), a.get(key).getValueType(), path + "." + key);
                    continue;
                }
                assertSameShape(e.get(key), a.get(key), exempt, path + "." + key);
            }
        } else if (expected instanceof JsonArray e) {
            JsonArray a = actual.asJsonArray();
            assertEquals(e.size(), a.size(), path + ": length");
            for (int i = 0; i < e.size(); i++) {
                assertSameShape(e.get(i), a.get(i), exempt, path + "[" + i + "]");
            }
        } else {
            assertEquals(expected, actual, path);
        }
    }

    /**
     * @param events the events of accepted envelopes, in the order received
     * @return per repository, the ids in the order they were first accepted (repeats left out)
     */
    public static Map<String, List<String>> idsByRepository(List<JsonObject> events) {
        Map<String, List<String>> order = new LinkedHashMap<>();
        for (JsonObject event : events) {
            String id = event.getString("id");
            List<String> ids = order.computeIfAbsent(event.getJsonObject("target").getString("repository"),
                    r -> new ArrayList<>());
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return order;
    }
}
