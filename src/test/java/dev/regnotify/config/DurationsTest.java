package dev.regnotify.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "1ns, 1", "1us, 1000", "1µs, 1000", "500ms, 500000000", "1s, 1000000000",
        "1.5s, 1500000000", "1m30s, 90000000000", "2h, 7200000000000", "1h2m3s4ms, 3723004000000", ".5s, 500000000",
        "-1s, -1000000000", "+3ms, 3000000"})
    void parsesGoSyntax(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 sec", "1d", "s", "1s ", "1.s.", "ms1"})
    void refusesOtherText(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5124096h", "2562048h", "2562047h47m17s", "9223372036854775808ns", "1h2562047h"})
    void refusesADurationBeyondTheLongestRatherThanWrapping(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("\"" + text + "\" is longer than the longest duration, 2562047h47m16s854ms775us807ns",
                refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"2562047h, 9223369200000000000", "2562047h47m16.854775807s, 9223372036854775807"})
    void takesTheLongestDurations(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "1ns", "500ms", "1s", "1m30s", "2h", "1h2m3s4ms"})
    void formatsBackToTheShortestForm(String text) {
        assertEquals(text, Durations.format(Durations.parse(text)));
    }
}
