package dev.regnotify.journal;

import java.util.HashSet;
import java.util.Set;

/**
 * What group commits settled ({@code fsync: always}): every ticket up to {@link #settled()} was written and forced,
 * or failed; the tickets whose write failed are kept until their waiter asks. Guarded by the journal's sync lock.
 */
final class SyncOutcomes {

    // a waiter that never asked (it cannot happen through the broadcaster) must not make this grow for ever
    private static final int MAX_UNWRITTEN = 65_536;

    private final Set<Long> unwritten = new HashSet<>();
    private long settled;

    long settled() {
        return settled;
    }

    void settle(long upTo) {
        settled = Math.max(settled, upTo);
    }

    void unwritten(long ticket) {
        if (unwritten.size() >= MAX_UNWRITTEN) {
            unwritten.clear();
        }
        unwritten.add(ticket);
    }

    /** @return whether the ticket's write failed; answers once */
    boolean takeUnwritten(long ticket) {
        return !unwritten.isEmpty() && unwritten.remove(ticket);
    }
}
