package dev.regnotify.delivery.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ExponentialScheduleTest {

    private static final double HIGHEST = Math.nextDown(1.0);

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private double random = HIGHEST;
    private final ExponentialSchedule backoff = new ExponentialSchedule(Duration.ofMillis(100), Duration.ofSeconds(1),
            now::get, () -> random);

    @Test
    void theCeilingDoublesFromTheInitialDelayUpToTheMaximum() {
        assertEquals(Duration.ZERO, backoff.delay(), "the first attempt goes at once");
        long[] ceilings = {100, 200, 400, 800, 1000, 1000};
        for (long ceiling : ceilings) {
            backoff.failed(null);
            assertEquals(Duration.ofMillis(ceiling).toNanos(), backoff.ceiling());
            long delay = backoff.delay().toNanos();
            assertEquals(Duration.ofMillis(ceiling).toNanos(), delay, 1.0, "the highest draw waits the ceiling");
        }
    }

    @Test
    void theWaitIsDrawnBetweenZeroAndTheCeiling() {
        random = 0.25;
        backoff.failed(null);
        backoff.failed(null);
        assertEquals(Duration.ofMillis(50), backoff.delay());
        now.addAndGet(Duration.ofMillis(30).toNanos());
        assertEquals(Duration.ofMillis(20), backoff.delay(), "the wait counts from the failure");
        random = 0;
        backoff.failed(null);
        assertEquals(Duration.ZERO, backoff.delay(), "full jitter may retry at once");
    }

    @Test
    void retryAfterIsAFloorCappedByTheMaximum() {
        random = 0;
        backoff.failed(Duration.ofMillis(700));
        assertEquals(Duration.ofMillis(700), backoff.delay());
        backoff.failed(Duration.ofHours(3));
        assertEquals(Duration.ofSeconds(1), backoff.delay(), "a receiver cannot park the endpoint past maxdelay");
        random = HIGHEST;
        backoff.failed(Duration.ofMillis(1));
        assertEquals(Duration.ofMillis(400).toNanos(), backoff.delay().toNanos(), 1.0,
                "a short Retry-After does not shorten the backoff");
    }

    @Test
    void aLongStreakNeitherOverflowsNorShrinks() {
        long previous = 0;
        for (int i = 0; i < 200; i++) {
            backoff.failed(null);
            long ceiling = backoff.ceiling();
            assertTrue(ceiling >= previous && ceiling <= Duration.ofSeconds(1).toNanos(), "failure " + (i + 1) + ": "
                    + ceiling);
            previous = ceiling;
        }
        assertEquals(Duration.ofSeconds(1).toNanos(), backoff.ceiling());
        assertEquals(200, backoff.consecutiveFailures());
    }

    @Test
    void successStartsTheStreakAgain() {
        backoff.failed(null);
        backoff.failed(null);
        backoff.succeeded();
        assertEquals(0, backoff.consecutiveFailures());
        assertEquals(Duration.ZERO, backoff.delay());
        backoff.failed(null);
        assertEquals(Duration.ofMillis(100).toNanos(), backoff.ceiling());
    }
}
