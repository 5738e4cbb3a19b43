package dev.regnotify.delivery.retry;

import java.time.Duration;
import java.util.Random;
import java.util.function.LongSupplier;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RetryConfig;

/**
 * Paces the attempts at one envelope after failures: how long to wait before the next. One per lane, used by one
 * thread.
 *
 * @since 0.2
 */
public interface RetrySchedule {

    /** @return how long to wait before the next attempt; zero to go at once */
    Duration delay();

    /**
     * An attempt failed.
     *
     * @param retryAfter how long the receiver asked to be left alone ({@code Retry-After}), or {@code null}
     */
    void failed(Duration retryAfter);

    /** An attempt succeeded. */
    void succeeded();

    /** @return failures since the last success */
    int consecutiveFailures();

    /**
     * @param config the endpoint
     * @param nanoClock the time in nanoseconds
     * @return the schedule the endpoint's {@code retry} asks for
     */
    static RetrySchedule of(EndpointConfig config, LongSupplier nanoClock) {
        RetryConfig retry = config.retry();
        return switch (retry.policy()) {
            case DISTRIBUTION -> new DistributionSchedule(retry.threshold(), retry.backoff(), nanoClock);
            case EXPONENTIAL -> new ExponentialSchedule(retry.initialDelay(), retry.maxDelay(), nanoClock,
                    new Random()::nextDouble);
        };
    }
}
