package dev.regnotify.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How an endpoint paces the attempts at an envelope its receiver did not take ({@code retry}).
 *
 * @param policy which rule paces the attempts
 * @param initialDelay with {@link Policy#EXPONENTIAL}, the longest wait after the first failure
 *                     ({@code initialdelay}, default 1s)
 * @param maxDelay with {@link Policy#EXPONENTIAL}, the longest wait ever, and the cap on a receiver's
 *                 {@code Retry-After} ({@code maxdelay}, default 5m)
 * @since 0.2
 */
public record RetryConfig(Policy policy, Duration initialDelay, Duration maxDelay) {

    /** The default initial delay of the exponential policy. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);
    /** The default maximum delay of the exponential policy. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(5);
    /** distribution's rule, the default: the endpoint's {@code threshold} and {@code backoff}. */
    public static final RetryConfig DISTRIBUTION = new RetryConfig(Policy.DISTRIBUTION, DEFAULT_INITIAL_DELAY,
            DEFAULT_MAX_DELAY);

    /** The rules an endpoint may pace its attempts by. */
    public enum Policy {
        /**
         * distribution's rule: {@code threshold} attempts at once, then one per {@code backoff}, for ever; a
         * {@code Retry-After} is not read.
         */
        DISTRIBUTION("distribution"),
        /**
         * Exponential backoff with full jitter: after the n-th failure in a row, a random wait between zero and
         * {@code min(maxdelay, initialdelay * 2^(n-1))}; a {@code Retry-After} on 429 or 503 lengthens the wait,
         * up to {@code maxdelay}.
         */
        EXPONENTIAL("exponential");

        private final String key;

        Policy(String key) {
            this.key = key;
        }

        /** @return the policy's name in the configuration */
        public String key() {
            return key;
        }
    }

    /** Both delays must be positive, the initial no longer than the maximum. */
    public RetryConfig {
        Objects.requireNonNull(policy, "policy");
        if (initialDelay == null || initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialdelay must be positive, got " + initialDelay);
        }
        if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxdelay must be at least initialdelay ("
                    + Durations.format(initialDelay) + "), got " + (maxDelay == null ? null : Durations.format(maxDelay)));
        }
    }

    /**
     * @param initialDelay the longest wait after the first failure
     * @param maxDelay the longest wait ever
     * @return the exponential policy with those delays
     */
    public static RetryConfig exponential(Duration initialDelay, Duration maxDelay) {
        return new RetryConfig(Policy.EXPONENTIAL, initialDelay, maxDelay);
    }

    @Override
    public String toString() {
        return policy == Policy.DISTRIBUTION ? policy.key()
                : policy.key() + "(initialdelay=" + Durations.format(initialDelay) + ", maxdelay="
                        + Durations.format(maxDelay) + ")";
    }
}
