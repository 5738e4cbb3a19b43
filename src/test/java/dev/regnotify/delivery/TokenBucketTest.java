package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.RateLimitConfig;

class TokenBucketTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * MS);

    @Test
    void theBurstGoesAtOnceThenEachEventWaitsItsShare() {
        TokenBucket bucket = new TokenBucket(new RateLimitConfig(100, 10), now::get);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, bucket.take(1), "event " + i + " is within the burst");
        }
        assertEquals(10 * MS, bucket.take(1));
        assertEquals(20 * MS, bucket.take(1), "the second waits behind the first's debt");
        now.addAndGet(20 * MS);
        assertEquals(10 * MS, bucket.take(1));
    }

    @Test
    void aQuietWhileRefillsNoMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(new RateLimitConfig(100, 10), now::get);
        assertEquals(0, bucket.take(10));
        now.addAndGet(60_000 * MS);
        assertEquals(0, bucket.take(10));
        assertEquals(10 * MS, bucket.take(1));
    }

    @Test
    void anEnvelopeLargerThanTheBurstWaitsForTheTokensItLacksAndTheNextForItsDebt() {
        TokenBucket bucket = new TokenBucket(new RateLimitConfig(10, 5), now::get);
        assertEquals(500 * MS, bucket.take(10), "5 tokens were there, 5 more take half a second");
        now.addAndGet(500 * MS);
        assertEquals(100 * MS, bucket.take(1), "the debt is paid; the next event waits its own share");
    }

    @Test
    void onlyALimitMakesABucketAndTheConfigurationIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(RateLimitConfig.NONE, now::get));
        assertEquals("ratelimit.burst must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new RateLimitConfig(5, 0)).getMessage());
        assertEquals("ratelimit.eventspersecond must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new RateLimitConfig(0, 5)).getMessage());
    }
}
