package dev.regnotify.delivery.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.regnotify.config.RetryConfig;

/** The rules of docs/delivery.md that follow a failed attempt, one by one, without sending anything. */
class RetryRulesTest {

    private static final RetryConfig EXPONENTIAL = RetryConfig.exponential(Duration.ofSeconds(1),
            Duration.ofMinutes(1));
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void goneDisablesWithTheExponentialPolicyOnly() {
        assertEquals(RetryRules.Failure.DISABLE, RetryRules.classify(EXPONENTIAL, 410, 1));
        assertEquals(RetryRules.Failure.COUNTED, RetryRules.classify(RetryConfig.DISTRIBUTION, 410, 1),
                "under distribution's rule, 410 is one more failure");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 413, 422})
    void aRefusalOneEventCanCauseSplitsABatchWhenAttemptsAreBounded(int status) {
        RetryConfig bounded = EXPONENTIAL.withBounds(3, Duration.ZERO);
        assertEquals(RetryRules.Failure.SPLIT, RetryRules.classify(bounded, status, 2));
        assertEquals(RetryRules.Failure.COUNTED, RetryRules.classify(bounded, status, 1), "a single event is counted");
        assertEquals(RetryRules.Failure.COUNTED, RetryRules.classify(EXPONENTIAL, status, 10),
                "without bounds a batch is never split, as in distribution");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 401, 403, 404, 405, 408, 409, 429, 500, 503})
    void otherFailuresAreCountedWhole(int status) {
        assertEquals(RetryRules.Failure.COUNTED, RetryRules.classify(EXPONENTIAL.withBounds(3, Duration.ZERO),
                status, 64));
    }

    @Test
    void maxAttemptsEndsTheAttemptsAtTheLastOne() {
        RetryConfig bounded = EXPONENTIAL.withBounds(3, Duration.ZERO);
        assertFalse(RetryRules.exhausted(bounded, 2, T0, T0));
        assertTrue(RetryRules.exhausted(bounded, 3, T0, T0));
    }

    @Test
    void maxAgeEndsTheAttemptsOnceTheNextWouldComeTooLate() {
        RetryConfig bounded = EXPONENTIAL.withBounds(0, Duration.ofMinutes(10));
        assertFalse(RetryRules.exhausted(bounded, 50, T0, T0.plus(Duration.ofMinutes(10))), "just in time");
        assertTrue(RetryRules.exhausted(bounded, 2, T0, T0.plus(Duration.ofMinutes(10)).plusMillis(1)));
    }

    @Test
    void withoutBoundsAttemptsNeverEnd() {
        assertFalse(RetryRules.exhausted(RetryConfig.DISTRIBUTION, Integer.MAX_VALUE, T0,
                T0.plus(Duration.ofDays(3650))));
    }
}
