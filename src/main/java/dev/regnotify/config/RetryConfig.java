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
 * @param maxAttempts how many attempts one envelope gets before it becomes a dead letter ({@code maxattempts});
 *                    0, the default, for no bound
 * @param maxAge how long after its first attempt an envelope may still be attempted ({@code maxage}); zero, the
 *               default, for no bound
 * @since 0.2
 */
public record RetryConfig(Policy policy, Duration initialDelay, Duration maxDelay, int maxAttempts,
        Duration maxAge) {

    /** The default initial delay of the exponential policy. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);
    /** The default maximum delay of the exponential policy. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(5);
    /** distribution's rule, the default: the endpoint's {@code threshold} and {@code backoff}. */
    public static final RetryConfig DISTRIBUTION = new RetryConfig(Policy.DISTRIBUTION, DEFAULT_INITIAL_DELAY,
            DEFAULT_MAX_DELAY, 0, Duration.ZERO);

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

    /** Both delays must be positive, the initial no longer than the maximum; the bounds must not be negative. */
    public RetryConfig {
        Objects.requireNonNull(policy, "policy");
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxattempts must be 0 (no bound) or more, got " + maxAttempts);
        }
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("maxage must be 0 (no bound) or more, got " + maxAge);
        }
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
        return new RetryConfig(Policy.EXPONENTIAL, initialDelay, maxDelay, 0, Duration.ZERO);
    }

    /**
     * @param newMaxAttempts attempts per envelope, 0 for no bound
     * @param newMaxAge how long after its first attempt an envelope may be attempted, zero for no bound
     * @return this policy with those bounds
     */
    public RetryConfig withBounds(int newMaxAttempts, Duration newMaxAge) {
        return new RetryConfig(policy, initialDelay, maxDelay, newMaxAttempts, newMaxAge);
    }

    /**
     * Whether the attempts at one envelope end: then an envelope that exhausts them becomes a dead letter, and a
     * batch a receiver refuses as bad is split to find the event it refuses.
     *
     * @return whether {@code maxattempts} or {@code maxage} is set
     */
    public boolean bounded() {
        return maxAttempts > 0 || !maxAge.isZero();
    }

    /**
     * distribution's rule reads no answer; the exponential policy reads 410 Gone as "this endpoint is gone": the
     * endpoint is disabled until an operator enables it again.
     *
     * @return whether a 410 answer disables the endpoint
     */
    public boolean disablesOnGone() {
        return policy == Policy.EXPONENTIAL;
    }

    @Override
    public String toString() {
        String bounds = (maxAttempts > 0 ? ", maxattempts=" + maxAttempts : "")
                + (maxAge.isZero() ? "" : ", maxage=" + Durations.format(maxAge));
        if (policy == Policy.DISTRIBUTION) {
            return bounds.isEmpty() ? policy.key() : policy.key() + "(" + bounds.substring(2) + ")";
        }
        return policy.key() + "(initialdelay=" + Durations.format(initialDelay) + ", maxdelay="
                + Durations.format(maxDelay) + bounds + ")";
    }
}
