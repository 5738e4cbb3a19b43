package dev.regnotify.delivery.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Exponential backoff with full jitter: after the n-th failure in a row, a random wait between zero and
 * {@code min(max, initial * 2^(n-1))}. The randomness spreads the retries of many registries that lost the same
 * receiver at the same moment, so that they do not all come back at once. A receiver's {@code Retry-After} is a
 * floor on the wait, itself capped by {@code max} so that a receiver cannot stop an endpoint for days.
 *
 * @since 0.2
 */
// not final for one release: its deprecated forwarder in dev.regnotify.delivery extends it
public class ExponentialSchedule implements RetrySchedule {

    private final long initialNanos;
    private final long maxNanos;
    private final LongSupplier nanoClock;
    private final DoubleSupplier random;
    private int consecutiveFailures;
    private long nextAttempt;

    /**
     * @param initial the longest wait after the first failure
     * @param max the longest wait ever
     * @param nanoClock the time in nanoseconds ({@code System::nanoTime}; a fake in tests)
     * @param random uniform numbers in [0, 1)
     */
    public ExponentialSchedule(Duration initial, Duration max, LongSupplier nanoClock, DoubleSupplier random) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.nanoClock = nanoClock;
        this.random = random;
    }

    @Override
    public Duration delay() {
        if (consecutiveFailures == 0) {
            return Duration.ZERO;
        }
        long wait = nextAttempt - nanoClock.getAsLong();
        return wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO;
    }

    @Override
    public void failed(Duration retryAfter) {
        consecutiveFailures++;
        long wait = (long) (random.getAsDouble() * ceiling());
        if (retryAfter != null) {
            wait = Math.max(wait, Math.min(maxNanos, retryAfter.toNanos()));
        }
        nextAttempt = nanoClock.getAsLong() + wait;
    }

    /** @return {@code min(max, initial * 2^(n-1))}, without overflowing however long the streak */
    long ceiling() {
        int doublings = consecutiveFailures - 1;
        if (doublings >= 62 || initialNanos > maxNanos >> doublings) {
            return maxNanos;
        }
        return Math.min(maxNanos, initialNanos << doublings);
    }

    @Override
    public void succeeded() {
        consecutiveFailures = 0;
    }

    @Override
    public int consecutiveFailures() {
        return consecutiveFailures;
    }
}
