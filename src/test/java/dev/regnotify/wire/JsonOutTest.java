package dev.regnotify.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    @Test
    void numbersAreWrittenAsLongToStringWritesThem() {
        Random random = new Random(7);
        long[] edges = {0, 1, -1, 9, 10, -10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (int i = 0; i < 2000 + edges.length; i++) {
            long value = i < edges.length ? edges[i] : random.nextLong() >> random.nextInt(64);
            JsonOut out = new JsonOut(4).writeStartObject().write(JsonOut.key("n"), value).writeEnd();
            assertEquals("{\"n\":" + value + "}", new String(out.toByteArray(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aValueInTwoPartsIsWrittenAsTheJoinedString() {
        Random random = new Random(11);
        for (int i = 0; i < 2000; i++) {
            String first = randomString(random);
            String second = randomString(random);
            char between = i % 3 == 0 ? '"' : ':';
            JsonOut parts = new JsonOut(8).writeStartObject().write(JsonOut.key("k"), first, between, second)
                    .writeEnd();
            assertEquals(parssonsMember(first + between + second), new String(parts.toByteArray(),
                    StandardCharsets.UTF_8), "case " + i);
        }
    }

    @Test
    void timestampsAreWrittenAsTheFormatterWritesThem() {
        DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    i % 4 == 0 ? 0 : random.nextInt(1_000_000_000) / (int) Math.pow(10, random.nextInt(9)));
            // the formatter writes the fraction in groups of three digits: trim its zeros as RFC3339Nano does
            String expected = iso.format(instant.atOffset(ZoneOffset.UTC)).replace("+00:00", "Z")
                    .replaceAll("(\\.\\d*?)0+Z$", "$1Z").replace(".Z", "Z");
            assertEquals(expected, Rfc3339.format(instant), instant.toString());
            JsonOut out = new JsonOut(4).writeStartObject().writeTimestamp(JsonOut.key("t"), instant).writeEnd();
            assertEquals("{\"t\":\"" + expected + "\"}", new String(out.toByteArray(), StandardCharsets.UTF_8));
        }
    }

    private static String randomString(Random random) {
        StringBuilder value = new StringBuilder();
        for (int c = random.nextInt(12); c > 0; c--) {
            value.append((char) (random.nextInt(3) > 0 ? 0x20 + random.nextInt(0x5F)
                    : random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0xFFFF)));
        }
        return value.toString();
    }

    /** {@code {"k":<value>}} as JSON-P writes it. */
    private static String parssonsMember(String value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Json.createGenerator(text)) {
            out.writeStartObject().write("k", value).writeEnd();
        }
        return new String(text.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
