package dev.regnotify.delivery.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class DistributionScheduleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final DistributionSchedule policy = new DistributionSchedule(3, Duration.ofSeconds(1), now::get);

    @Test
    void firstThresholdFailuresRetryAtOnceThenOnePerBackoff() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, policy.delay());
            policy.failed();
        }
        assertEquals(Duration.ofSeconds(1), policy.delay());
        now.addAndGet(400_000_000L);
        assertEquals(Duration.ofMillis(600), policy.delay());
        now.addAndGet(600_000_000L);
        assertEquals(Duration.ZERO, policy.delay());
        policy.failed();
        assertEquals(Duration.ofSeconds(1), policy.delay(), "each failure past the threshold waits a full backoff");
    }

    @Test
    void successStartsTheCountAgain() {
        for (int i = 0; i < 5; i++) {
            policy.failed();
        }
        policy.succeeded();
        assertEquals(0, policy.consecutiveFailures());
        assertEquals(Duration.ZERO, policy.delay());
    }
}
