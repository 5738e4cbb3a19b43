package dev.regnotify.delivery;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * distribution's retry rule, under its 0.2 name.
 *
 * @since 0.1
 * @deprecated now {@link dev.regnotify.delivery.retry.DistributionSchedule}; this name is removed in 0.4
 */
@Deprecated(since = "0.3", forRemoval = true)
public final class RetryPolicy extends dev.regnotify.delivery.retry.DistributionSchedule {

    /**
     * @param threshold failures retried at once
     * @param backoff the wait between attempts after that
     * @param nanoClock the time in nanoseconds
     */
    public RetryPolicy(int threshold, Duration backoff, LongSupplier nanoClock) {
        super(threshold, backoff, nanoClock);
    }
}
