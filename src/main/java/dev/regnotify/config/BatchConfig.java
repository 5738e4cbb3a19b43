package dev.regnotify.config;

/**
 * How many events one envelope may carry when several wait: up to {@code maxEvents}, and no more than
 * {@code maxBytes} of encoded events (a single larger event still goes, alone).
 *
 * @param maxEvents the most events per envelope, one or more; 1 (the default) sends one event per POST, as
 *                  distribution does
 * @param maxBytes the most bytes of encoded events per envelope, one or more; 1 MiB by default
 * @since 0.1
 */
public record BatchConfig(int maxEvents, long maxBytes) {

    /** One event per envelope. */
    public static final BatchConfig SINGLE = new BatchConfig(1, 1 << 20);

    /** Both limits must be positive. */
    public BatchConfig {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxevents must be 1 or more, got " + maxEvents);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxbytes must be 1 or more, got " + maxBytes);
        }
    }
}
