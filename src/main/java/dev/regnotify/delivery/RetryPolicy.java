package dev.regnotify.delivery;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * distribution's retry rule: the first {@code threshold} consecutive failures are retried at once; after that, one
 * attempt per {@code backoff}, counted from the last failure. A success starts the count again. Not thread-safe:
 * one endpoint thread owns it.
 *
 * @since 0.1
 */
public final class RetryPolicy {

    private final int threshold;
    private final long backoffNanos;
    private final LongSupplier nanoClock;
    private int consecutiveFailures;
    private long lastFailure;

    /**
     * @param threshold failures retried at once
     * @param backoff the wait between attempts after that
     * @param nanoClock the time in nanoseconds ({@code System::nanoTime}; a fake in tests)
     */
    public RetryPolicy(int threshold, Duration backoff, LongSupplier nanoClock) {
        this.threshold = threshold;
        this.backoffNanos = backoff.toNanos();
        this.nanoClock = nanoClock;
    }

    /** @return how long to wait before the next attempt; zero to go at once */
    public Duration delay() {
        if (consecutiveFailures < threshold) {
            return Duration.ZERO;
        }
        long wait = lastFailure + backoffNanos - nanoClock.getAsLong();
        return wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO;
    }

    /** An attempt failed. */
    public void failed() {
        consecutiveFailures++;
        lastFailure = nanoClock.getAsLong();
    }

    /** An attempt succeeded. */
    public void succeeded() {
        consecutiveFailures = 0;
    }

    /** @return failures since the last success */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }
}
