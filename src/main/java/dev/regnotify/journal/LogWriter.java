package dev.regnotify.journal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes records where the journal's log ends, in its last segment, and forces it: starts a new segment when the
 * last one is full, or when a force of it failed (so that what a later force makes durable never sits behind a hole);
 * cuts off what a failed write left. Writes are serialized by the journal's append lock; a segment is switched under
 * the sync lock, so that a force never meets a closed file.
 */
final class LogWriter {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.journal");

    private final JournalSegments segments;
    private final Path directory;
    private final long segmentBytes;
    private final ReentrantLock syncLock;
    private final AtomicLong syncs = new AtomicLong();
    private JournalFile active;
    private long activeBase;
    private volatile long end;
    private volatile boolean rollRequested;
    // guarded by the sync lock: the log's end at the last successful force of the last segment
    private long durableEnd;

    /** Recovers the log's end and opens its last segment. */
    LogWriter(JournalSegments segments, Path directory, long segmentBytes, ReentrantLock syncLock)
            throws IOException {
        this.segments = segments;
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.syncLock = syncLock;
        this.end = segments.recover();
        this.durableEnd = end;
        this.activeBase = segments.count() == 0 ? 0 : segments.baseOf(end);
        this.active = segments.openForAppend(activeBase);
    }

    /** @return where the next record goes */
    long end() {
        return end;
    }

    /** @return how many times a segment was forced to stable storage */
    long syncs() {
        return syncs.get();
    }

    /**
     * Under the append lock: writes one record where the log ends. A failed write is cut off (or, if even that
     * fails, overwritten by the next record, and cut off at recovery).
     */
    void write(byte[] record) throws IOException {
        if (rollRequested || (end - activeBase + record.length > segmentBytes && end > activeBase)) {
            roll();
        }
        try {
            active.write(end - activeBase, record);
        } catch (IOException e) {
            try {
                active.truncate(end - activeBase);
            } catch (IOException ignored) {
                // the next record is written at the log's end all the same
            }
            throw e;
        }
        end += record.length;
    }

    /** Under the append lock: forces the full segment, then starts the next at the log's end. */
    private void roll() throws IOException {
        syncLock.lock();
        try {
            JournalFile next = segments.openForAppend(end);
            JournalFile old = active;
            if (force(old, "segment " + activeBase)) {
                durableEnd = Math.max(durableEnd, end);
            }
            try {
                old.truncate(end - activeBase); // what a failed write may have left
                old.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "RN-324 journal segment " + activeBase + " was not closed cleanly", e);
            }
            active = next;
            activeBase = end;
            rollRequested = false;
        } finally {
            syncLock.unlock();
        }
    }

    /** Under the append lock: the segment being written, for a force made without the lock. */
    JournalFile active() {
        return active;
    }

    /**
     * Forces a file of the log. A failure is logged, never counted as durable, and the next record starts a new
     * segment.
     *
     * @return whether it was forced
     */
    boolean force(JournalFile file, String what) {
        try {
            file.force();
            syncs.incrementAndGet();
            return true;
        } catch (IOException e) {
            rollRequested = true;
            LOG.log(Level.ERROR, "RN-325 the journal could not be synced (" + what + " in " + directory
                    + "): events written since the last sync are kept and delivered, but a machine crash may lose "
                    + "them; the next events start a new segment", e);
            return false;
        }
    }

    /** Under the sync lock: forces what was written since the last force, if anything was. */
    void forceWritten() {
        long target = end;
        if (durableEnd < target && force(active, "periodic sync")) {
            durableEnd = target;
        }
    }

    /** Under both locks: forces and closes the last segment. */
    void close() throws IOException {
        force(active, "close");
        active.close();
    }
}
