package dev.regnotify.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our writer against JSON-P's own (Parsson), byte for byte, with every kind of character a string can hold. */
class JsonOutTest {

    /** As text decoded from our bytes. */
    private static String ours(String value) {
        JsonOut out = new JsonOut(8);
        out.writeStartObject().write("k", value).write("n", -42L).writeStartArray("a").writeStartObject()
                .write("x", value).writeEnd().writeStartObject().writeEnd().writeEnd().writeEnd();
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    /** As text decoded from the bytes the previous encoder sent: JSON-P's text, encoded in UTF-8. */
    private static String parssons(String value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Json.createGenerator(text)) {
            out.writeStartObject().write("k", value).write("n", -42L).writeStartArray("a").writeStartObject()
                    .write("x", value).writeEnd().writeStartObject().writeEnd().writeEnd().writeEnd();
        }
        return new String(text.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii", "quote \" backslash \\ slash /", "tab\there\nnew\rline\b\f",
        "\u0000\u0001\u001f\u007f", "é ü 中文 \uD83D\uDE00", "lone \uD800 surrogate", "a\u2028b"})
    void writesWhatJsonPWrites(String value) {
        assertEquals(parssons(value), ours(value));
    }

    @Test
    void randomStringsAreWrittenAsJsonPWritesThem() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            StringBuilder value = new StringBuilder();
            for (int c = random.nextInt(40); c > 0; c--) {
                value.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0xFFFF)));
            }
            assertEquals(parssons(value.toString()), ours(value.toString()), "case " + i);
        }
    }
}
