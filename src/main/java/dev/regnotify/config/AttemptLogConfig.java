package dev.regnotify.config;

import java.time.Duration;
import java.util.Objects;

/**
 * An endpoint's attempt log ({@code log} under the endpoint, its defaults under {@code notifications.log}): how many
 * attempts are kept in memory, and, with a journal, how long and how many bytes of them are kept on disk beside it.
 *
 * @param attempts how many of the newest attempts the ring in memory keeps ({@code log.attempts}, default 1000); 0
 *                 turns the log off (nothing is recorded, in memory or on disk)
 * @param retention how long attempts are kept on disk ({@code log.retention}, default 7 days)
 * @param maxBytes how many bytes of attempts are kept on disk ({@code log.maxbytes}, default 256 MiB)
 * @since 0.3
 */
public record AttemptLogConfig(int attempts, Duration retention, long maxBytes) {

    /** The default ring: 1000 attempts. */
    public static final int DEFAULT_ATTEMPTS = 1000;
    /** The default retention on disk: 7 days. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** The default size on disk: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;
    /** The smallest size on disk: 1 MiB. */
    public static final long MIN_MAX_BYTES = 1L << 20;
    /** The defaults. */
    public static final AttemptLogConfig DEFAULT = new AttemptLogConfig(DEFAULT_ATTEMPTS, DEFAULT_RETENTION,
            DEFAULT_MAX_BYTES);

    /** @return whether attempts are recorded at all */
    public boolean on() {
        return attempts > 0;
    }

    /** Validates. */
    public AttemptLogConfig {
        if (attempts < 0) {
            throw new IllegalArgumentException("log.attempts must be 0 (off) or more, got " + attempts);
        }
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("log.retention must be positive, got " + Durations.format(retention));
        }
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("log.maxbytes must be " + MIN_MAX_BYTES + " or more, got " + maxBytes);
        }
    }
}
