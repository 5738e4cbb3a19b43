package dev.regnotify.journal;

import java.util.Collection;

/**
 * Once the journal is three quarters full, an endpoint that holds back more than half of it (its receiver is gone,
 * disabled, or refuses for long) while another endpoint does not is moved past its oldest segments until it holds
 * back a quarter, and their events become its dead letters: without this, it would pin the journal until
 * {@code maxbytes} and every other endpoint would drop its new events. Down to a quarter, not just below half, so that
 * the next burst finds room. When every endpoint is that far behind, none costs another its events: a full journal
 * drops new ones, as documented.
 */
final class LaggingEndpoints {

    private LaggingEndpoints() {
    }

    /**
     * @param cursors every endpoint's cursor
     * @param retainedBytes the bytes the journal holds
     * @param maxBytes the most it may hold
     * @return whether {@link #moveOn} would move an endpoint now
     */
    static boolean anyToMove(Collection<JournalCursor> cursors, long retainedBytes, long maxBytes) {
        long half = maxBytes / 2;
        return retainedBytes > maxBytes / 4 * 3 && cursors.stream().anyMatch(cursor -> cursor.backlogBytes() > half)
                && cursors.stream().anyMatch(cursor -> cursor.backlogBytes() <= half);
    }

    /**
     * @param cursors every endpoint's cursor
     * @param retainedBytes the bytes the journal holds
     * @param maxBytes the most it may hold
     */
    static void moveOn(Collection<JournalCursor> cursors, long retainedBytes, long maxBytes) {
        if (!anyToMove(cursors, retainedBytes, maxBytes)) {
            return;
        }
        long half = maxBytes / 2;
        for (JournalCursor cursor : cursors) {
            long behind = cursor.backlogBytes();
            if (behind > half) {
                cursor.overrun(maxBytes / 4, "was " + behind + " bytes behind, more than half of the journal's "
                        + "maxbytes " + maxBytes);
            }
        }
    }
}
