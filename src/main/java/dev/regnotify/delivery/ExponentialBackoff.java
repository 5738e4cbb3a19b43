package dev.regnotify.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The exponential retry schedule, under its 0.2 name.
 *
 * @since 0.2
 * @deprecated now {@link dev.regnotify.delivery.retry.ExponentialSchedule}; this name is removed in 0.4
 */
@Deprecated(since = "0.3", forRemoval = true)
public final class ExponentialBackoff extends dev.regnotify.delivery.retry.ExponentialSchedule {

    /**
     * @param initial the first wait
     * @param max the longest wait
     * @param nanoClock the time in nanoseconds
     * @param random a number in [0, 1) for the jitter
     */
    public ExponentialBackoff(Duration initial, Duration max, LongSupplier nanoClock, DoubleSupplier random) {
        super(initial, max, nanoClock, random);
    }
}
