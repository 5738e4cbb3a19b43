package dev.regnotify.delivery;

import java.util.function.LongSupplier;

import dev.regnotify.config.EndpointConfig;

/**
 * How long to wait after a failed attempt, under its 0.2 name.
 *
 * @since 0.2
 * @deprecated moved to {@link dev.regnotify.delivery.retry.RetrySchedule}; this name is removed in 0.4
 */
@Deprecated(since = "0.3", forRemoval = true)
public interface RetrySchedule extends dev.regnotify.delivery.retry.RetrySchedule {

    /**
     * @param config the endpoint
     * @param nanoClock the time in nanoseconds
     * @return the schedule the endpoint's {@code retry} asks for
     */
    static dev.regnotify.delivery.retry.RetrySchedule of(EndpointConfig config, LongSupplier nanoClock) {
        return dev.regnotify.delivery.retry.RetrySchedule.of(config, nanoClock);
    }
}
