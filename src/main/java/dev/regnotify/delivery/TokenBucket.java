package dev.regnotify.delivery;

import java.util.function.LongSupplier;

import dev.regnotify.config.RateLimitConfig;

/**
 * An endpoint's {@code ratelimit}: {@code burst} tokens, refilled at {@code eventsPerSecond}, one taken per event sent.
 * A taker reserves what it needs at once and is told how long to wait for it, so that the workers of an endpoint (its
 * lanes) share one rate, in the order they asked. An envelope larger than the burst is not refused: it goes once the
 * tokens it lacks would have been refilled, and the envelopes after it wait for that debt too, so the rate holds on
 * average. Shared by the endpoint's workers; its state is guarded by its lock.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    /**
     * @param limit the rate and the burst; must limit
     * @param nanoTime the clock ({@link System#nanoTime()}, or a test's)
     */
    TokenBucket(RateLimitConfig limit, LongSupplier nanoTime) {
        if (!limit.limits()) {
            throw new IllegalArgumentException("a token bucket needs a rate");
        }
        this.perNano = limit.eventsPerSecond() / NANOS_PER_SECOND;
        this.burst = limit.burst();
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /**
     * Takes the tokens of so many events, going into debt when there are not enough.
     *
     * @param events the events about to be sent
     * @return how many nanoseconds to wait before sending them: 0 when the tokens were there
     */
    synchronized long take(int events) {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        tokens -= events;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
    }
}
