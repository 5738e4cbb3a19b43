package dev.regnotify.journal;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * Once the journal is three quarters full, an endpoint that holds back more than half of it (its receiver is gone,
 * disabled, or refuses for long) while another endpoint does not is moved past its oldest segments until it holds
 * back a quarter, and their events become its dead letters: without this, it would pin the journal until
 * {@code maxbytes} and every other endpoint would drop its new events. Down to a quarter, not just below half, so that
 * the next burst finds room. When every endpoint is that far behind, none costs another its events: a full journal
 * drops new ones, as documented.
 *
 * <p>The journal's thread moves them ({@link #moveOn}); an append that finds the journal full meanwhile waits for it
 * ({@link #awaitMoved}), since moving takes time (reading segments, writing letters) and a burst may fill the last
 * quarter first.
 */
final class LaggingEndpoints {

    private final Collection<JournalCursor> cursors;
    private final long maxBytes;
    // counts the journal's looks at the lagging endpoints; appends that found the journal full wait for the next
    private final Object looked = new Object();
    private long looks;
    private volatile boolean closed;

    /**
     * @param cursors every endpoint's cursor, as the journal opens them
     * @param maxBytes the most the journal may hold
     */
    LaggingEndpoints(Collection<JournalCursor> cursors, long maxBytes) {
        this.cursors = cursors;
        this.maxBytes = maxBytes;
    }

    /** @return whether {@link #moveOn} would move an endpoint now */
    private boolean anyToMove(long retainedBytes) {
        long half = maxBytes / 2;
        return retainedBytes > maxBytes / 4 * 3 && cursors.stream().anyMatch(cursor -> cursor.backlogBytes() > half)
                && cursors.stream().anyMatch(cursor -> cursor.backlogBytes() <= half);
    }

    /**
     * On the journal's thread: moves each lagging endpoint on, if the rule says so, and tells appends waiting for it.
     *
     * @param retainedBytes the bytes the journal holds
     */
    void moveOn(long retainedBytes) {
        try {
            if (!closed && anyToMove(retainedBytes)) {
                long half = maxBytes / 2;
                for (JournalCursor cursor : cursors) {
                    long behind = cursor.backlogBytes();
                    if (behind > half) {
                        cursor.overrun(maxBytes / 4, "was " + behind + " bytes behind, more than half of the "
                                + "journal's maxbytes " + maxBytes);
                    }
                }
            }
        } finally {
            synchronized (looked) {
                looks++;
                looked.notifyAll();
            }
        }
    }

    /**
     * For an append that found the journal full: if a lagging endpoint is to be moved on, waits until the journal's
     * thread has looked at them again. An interrupt does not end the wait; the caller keeps it.
     *
     * @param retainedBytes the bytes the journal holds
     * @param deadline {@code System.nanoTime()} by which to give up
     * @param wake wakes the journal's thread
     * @return whether it looked again, so that there may be room now (false if nobody is to be moved, at the
     *         deadline, or once closed)
     */
    boolean awaitMoved(long retainedBytes, long deadline, Runnable wake) {
        if (!anyToMove(retainedBytes)) {
            return false;
        }
        boolean interrupted = false;
        try {
            synchronized (looked) {
                long seen = looks;
                wake.run();
                while (looks == seen && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        looked.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                return !closed;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return how many times the journal's thread has looked */
    long looks() {
        synchronized (looked) {
            return looks;
        }
    }

    /** The journal closes: nobody waits any more. */
    void close() {
        closed = true;
        synchronized (looked) {
            looked.notifyAll();
        }
    }
}
