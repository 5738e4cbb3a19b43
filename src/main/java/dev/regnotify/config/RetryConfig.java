package dev.regnotify.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How an endpoint paces the attempts at an envelope its receiver did not take: distribution's {@code threshold} and
 * {@code backoff} keys and our {@code retry} block, in one place because the schedule reads both.
 *
 * @param policy which rule paces the attempts
 * @param threshold with {@link Policy#DISTRIBUTION}, how many consecutive failures are retried at once before
 *                  backing off ({@code threshold}, default 10)
 * @param backoff with {@link Policy#DISTRIBUTION}, how long to wait between attempts after {@code threshold}
 *                failures ({@code backoff}, default 1s)
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
public record RetryConfig(Policy policy, int threshold, Duration backoff, Duration initialDelay, Duration maxDelay,
        int maxAttempts, Duration maxAge) {

    /**
     * distribution's default failure threshold.
     *
     * @since 0.3
     */
    public static final int DEFAULT_THRESHOLD = 10;
    /**
     * distribution's default backoff.
     *
     * @since 0.3
     */
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    /** The default initial delay of the exponential policy. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);
    /** The default maximum delay of the exponential policy. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(5);
    /** distribution's rule with its default {@code threshold} and {@code backoff}: the default. */
    public static final RetryConfig DISTRIBUTION = distribution(DEFAULT_THRESHOLD, DEFAULT_BACKOFF);

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

    /**
     * The threshold must be 1 or more, every delay positive, the initial no longer than the maximum; the bounds must
     * not be negative.
     */
    public RetryConfig {
        Objects.requireNonNull(policy, "policy");
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be 1 or more, got " + threshold);
        }
        if (backoff == null || backoff.isNegative() || backoff.isZero()) {
            throw new IllegalArgumentException("backoff must be positive, got " + backoff);
        }
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
                    + Durations.format(initialDelay) + "), got "
                    + (maxDelay == null ? null : Durations.format(maxDelay)));
        }
    }

    /**
     * A policy with distribution's {@code threshold} and {@code backoff}.
     *
     * @param policy which rule paces the attempts
     * @param initialDelay with the exponential policy, the longest wait after the first failure
     * @param maxDelay with the exponential policy, the longest wait ever
     * @param maxAttempts attempts per envelope, 0 for no bound
     * @param maxAge how long after its first attempt an envelope may be attempted, zero for no bound
     * @deprecated since 0.3, for removal in 0.4: the threshold and the backoff are part of the retry now; use
     *             {@link #distribution(int, Duration)} or {@link #exponential(Duration, Duration)}, then
     *             {@link #withBounds(int, Duration)}, or the canonical constructor
     */
    @Deprecated(since = "0.3", forRemoval = true)
    public RetryConfig(Policy policy, Duration initialDelay, Duration maxDelay, int maxAttempts, Duration maxAge) {
        this(policy, DEFAULT_THRESHOLD, DEFAULT_BACKOFF, initialDelay, maxDelay, maxAttempts, maxAge);
    }

    /**
     * @param threshold consecutive failures retried at once
     * @param backoff the wait between attempts after that
     * @return distribution's rule with those values, attempts never ending
     * @since 0.3
     */
    public static RetryConfig distribution(int threshold, Duration backoff) {
        return new RetryConfig(Policy.DISTRIBUTION, threshold, backoff, DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY, 0,
                Duration.ZERO);
    }

    /**
     * @param initialDelay the longest wait after the first failure
     * @param maxDelay the longest wait ever
     * @return the exponential policy with those delays
     */
    public static RetryConfig exponential(Duration initialDelay, Duration maxDelay) {
        return new RetryConfig(Policy.EXPONENTIAL, DEFAULT_THRESHOLD, DEFAULT_BACKOFF, initialDelay, maxDelay, 0,
                Duration.ZERO);
    }

    /**
     * @param newMaxAttempts attempts per envelope, 0 for no bound
     * @param newMaxAge how long after its first attempt an envelope may be attempted, zero for no bound
     * @return this policy with those bounds
     */
    public RetryConfig withBounds(int newMaxAttempts, Duration newMaxAge) {
        return new RetryConfig(policy, threshold, backoff, initialDelay, maxDelay, newMaxAttempts, newMaxAge);
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

    /** @return the policy, its delays and bounds; distribution's threshold and backoff only where not the default */
    @Override
    public String toString() {
        boolean own = policy == Policy.DISTRIBUTION;
        return describe((own && threshold != DEFAULT_THRESHOLD ? ", threshold=" + threshold : "")
                + (own && !backoff.equals(DEFAULT_BACKOFF) ? ", backoff=" + Durations.format(backoff) : ""));
    }

    /**
     * @return as {@link #toString()}, without the threshold and the backoff, for {@link EndpointConfig#toString()}
     *         that shows them under their own keys
     */
    String describePolicy() {
        return describe("");
    }

    private String describe(String schedule) {
        String more = schedule + (maxAttempts > 0 ? ", maxattempts=" + maxAttempts : "")
                + (maxAge.isZero() ? "" : ", maxage=" + Durations.format(maxAge));
        if (policy == Policy.DISTRIBUTION) {
            return more.isEmpty() ? policy.key() : policy.key() + "(" + more.substring(2) + ")";
        }
        return policy.key() + "(initialdelay=" + Durations.format(initialDelay) + ", maxdelay="
                + Durations.format(maxDelay) + more + ")";
    }
}
