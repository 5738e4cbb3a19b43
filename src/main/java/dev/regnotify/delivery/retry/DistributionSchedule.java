package dev.regnotify.delivery.retry;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * distribution's retry rule: the first {@code threshold} consecutive failures are retried at once; after that, one
 * attempt per {@code backoff}, counted from the last failure. A success starts the count again. Not thread-safe:
 * one endpoint thread owns it. Like distribution, it does not read a receiver's {@code Retry-After}.
 *
 * @since 0.1
 */
// not final for one release: its deprecated forwarder in dev.regnotify.delivery extends it
public class DistributionSchedule implements RetrySchedule {

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
    public DistributionSchedule(int threshold, Duration backoff, LongSupplier nanoClock) {
        this.threshold = threshold;
        this.backoffNanos = backoff.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public Duration delay() {
        if (consecutiveFailures < threshold) {
            return Duration.ZERO;
        }
        long wait = lastFailure + backoffNanos - nanoClock.getAsLong();
        return wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO;
    }

    @Override
    public void failed(Duration retryAfter) {
        failed();
    }

    /** An attempt failed. */
    public void failed() {
        consecutiveFailures++;
        lastFailure = nanoClock.getAsLong();
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
