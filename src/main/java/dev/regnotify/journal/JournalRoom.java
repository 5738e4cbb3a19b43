package dev.regnotify.journal;

import java.util.function.BooleanSupplier;

/**
 * The room the journal has under {@code maxbytes}, and how it is made: kept segments go first (retention never costs
 * an endpoint an event), then a lagging endpoint is moved on ({@link LaggingEndpoints}). Appenders ask it under the
 * append lock whether a record fits; the journal's thread makes room every interval, or at once when an append finds
 * the journal filling.
 */
final class JournalRoom {

    private final long maxBytes;
    private final LogWriter log;
    private final JournalSegments segments;
    private final KeptSegments kept;
    private final LaggingEndpoints laggards;
    private final Runnable wake;

    /**
     * @param maxBytes the most the journal may hold
     * @param wake wakes the journal's thread, so that it makes room at once
     */
    JournalRoom(long maxBytes, LogWriter log, JournalSegments segments, KeptSegments kept, LaggingEndpoints laggards,
            Runnable wake) {
        this.maxBytes = maxBytes;
        this.log = log;
        this.segments = segments;
        this.kept = kept;
        this.laggards = laggards;
        this.wake = wake;
    }

    /** @return how many bytes of events the journal holds */
    long retainedBytes() {
        return log.end() - segments.oldest();
    }

    /**
     * Under the append lock: whether a record of {@code length} bytes finds no room beside the bytes reserved for a
     * group commit, even once kept segments that {@code maxbytes} needs are deleted.
     */
    boolean full(int length, long reservedBytes) {
        return log.end() + reservedBytes - segments.oldest() + length > maxBytes
                && (kept.makeRoom(maxBytes - reservedBytes - length) == 0
                        || log.end() + reservedBytes - segments.oldest() + length > maxBytes);
    }

    /** Past three quarters full, the sync thread looks at once for an endpoint to move past its oldest segment. */
    void wakeIfFilling() {
        if (retainedBytes() > maxBytes / 4 * 3) {
            wake.run();
        }
    }

    /**
     * For an append that found the journal full: waits, until {@code deadline} at the most, for the journal's thread
     * to move a lagging endpoint on ({@link LaggingEndpoints#awaitMoved}).
     *
     * @return whether there may be room now
     */
    boolean awaitMoved(long deadline) {
        return laggards.awaitMoved(retainedBytes(), deadline, wake);
    }

    /**
     * The journal's thread, every interval: ages kept segments, takes from them what three quarters of
     * {@code maxbytes} needs, then moves lagging endpoints on (which also tells appends waiting for room).
     *
     * @param closed whether the journal has closed: then nothing is deleted, and nobody is moved on
     */
    void make(BooleanSupplier closed) {
        try {
            if (!closed.getAsBoolean()) {
                kept.age();
                // kept segments go before a lagging endpoint is moved on: retention never costs it its events
                kept.makeRoom(maxBytes / 4 * 3);
            }
        } finally {
            laggards.moveOn(closed.getAsBoolean() ? 0 : retainedBytes());
        }
    }
}
