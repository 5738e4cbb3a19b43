package dev.regnotify.config;

/**
 * How fast an endpoint may send: a token bucket of {@code burst} events refilled at {@code eventsPerSecond}. Each
 * attempt of an envelope of n events takes n tokens, so a receiver coming back after an outage is not flooded by the
 * backlog. A receiver's {@code Retry-After} still wins: the limit only ever adds to a wait.
 *
 * @param eventsPerSecond the sustained rate, at least 1; 0 is no limit ({@link #NONE})
 * @param burst the most events sent at once after a quiet while, at least 1
 * @since 0.4
 */
public record RateLimitConfig(int eventsPerSecond, int burst) {

    /** No limit. */
    public static final RateLimitConfig NONE = new RateLimitConfig(0, 0);

    /** Both positive, or both zero (no limit). */
    public RateLimitConfig {
        boolean none = eventsPerSecond == 0 && burst == 0;
        if (!none && eventsPerSecond < 1) {
            throw new IllegalArgumentException("ratelimit.eventspersecond must be at least 1, got " + eventsPerSecond);
        }
        if (!none && burst < 1) {
            throw new IllegalArgumentException("ratelimit.burst must be at least 1, got " + burst);
        }
    }

    /** @return whether sending is limited */
    public boolean limits() {
        return eventsPerSecond > 0;
    }
}
