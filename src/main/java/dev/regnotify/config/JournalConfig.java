package dev.regnotify.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The durable journal behind the endpoints ({@code notifications.journal}): where it lives, when it is forced to
 * disk, and how large it may grow.
 *
 * @param directory the journal's directory, created if missing; one process per directory
 * @param fsync {@code always}: a registry call returns once its event is on stable storage (concurrent calls share
 *              one sync); {@code interval}: the journal is synced every {@code interval} (the default)
 * @param interval how often {@code interval} syncs (default 100ms)
 * @param maxBytes how many bytes of events the journal may hold; beyond, events are dropped and counted
 *                 (default 1 GiB)
 * @param segmentBytes the size at which a new segment file starts (default 64 MiB)
 * @param retention how long events every endpoint has delivered are kept, for a replay by time (default zero: they
 *                  are deleted once delivered); never at the cost of an event not yet delivered, whatever
 *                  {@code maxbytes} needs is taken from them first (since 0.3)
 * @since 0.1
 */
public record JournalConfig(Path directory, Fsync fsync, Duration interval, long maxBytes, long segmentBytes,
        Duration retention) {

    /** When the journal is forced to stable storage. */
    public enum Fsync {
        /** Before each registry call returns, shared by concurrent calls (group commit). */
        ALWAYS,
        /** Every {@code interval}, by a thread of the journal's. */
        INTERVAL
    }

    /** The default sync interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
    /** The default size limit: 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    /** The default segment size: 64 MiB. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

    /** Validates. */
    public JournalConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(fsync, "fsync");
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException("segmentbytes must be 4096 or more, got " + segmentBytes);
        }
        if (retention == null || retention.isNegative()) {
            throw new IllegalArgumentException("retention must be zero or positive, got " + retention);
        }
        if (maxBytes < segmentBytes) {
            throw new IllegalArgumentException("maxbytes (" + maxBytes + ") must be at least segmentbytes ("
                    + segmentBytes + ")");
        }
    }

    /**
     * A journal that keeps no delivered event.
     *
     * @param directory the journal's directory
     * @param fsync when it is forced
     * @param interval how often {@code interval} syncs
     * @param maxBytes the most it may hold
     * @param segmentBytes the size of a segment
     */
    public JournalConfig(Path directory, Fsync fsync, Duration interval, long maxBytes, long segmentBytes) {
        this(directory, fsync, interval, maxBytes, segmentBytes, Duration.ZERO);
    }

    /**
     * @param newRetention how long delivered events are kept
     * @return this journal keeping them that long
     * @since 0.3
     */
    public JournalConfig withRetention(Duration newRetention) {
        return new JournalConfig(directory, fsync, interval, maxBytes, segmentBytes, newRetention);
    }

    /**
     * @param directory the journal's directory
     * @return a journal there with the defaults: synced every 100ms, 1 GiB, 64 MiB segments
     */
    public static JournalConfig in(Path directory) {
        return new JournalConfig(directory, Fsync.INTERVAL, DEFAULT_INTERVAL, DEFAULT_MAX_BYTES,
                DEFAULT_SEGMENT_BYTES);
    }
}
