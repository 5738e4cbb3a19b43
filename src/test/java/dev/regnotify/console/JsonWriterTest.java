package dev.regnotify.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.regnotify.testing.JsonDocs;

class JsonWriterTest {

    @Test
    void markupAndControlCharactersAreEscapedAndTheJsonParses() {
        String hostile = "<img src=x onerror=alert(1)>\"\\\n\u0001&\u2028";
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", hostile);
        value.put("list", Arrays.asList(1, 2L, true, null));
        value.put("time", Instant.parse("2026-12-03T14:00:00Z"));
        value.put("ms", Duration.ofSeconds(2));
        String json = JsonWriter.write(value);

        assertEquals("{\"text\":\"\\u003cimg src=x onerror=alert(1)\\u003e\\\"\\\\\\n\\u0001\\u0026\\u2028\","
                + "\"list\":[1,2,true,null],\"time\":\"2026-12-03T14:00:00Z\",\"ms\":2000}", json);
        assertEquals(hostile, JsonDocs.parse(json).getString("text"));
    }
}
