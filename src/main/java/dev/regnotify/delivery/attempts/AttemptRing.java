package dev.regnotify.delivery.attempts;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The newest attempts of one endpoint, at most a fixed number: the oldest makes room. Written by the endpoint's
 * workers, read by the console; a short lock around an array, so that recording costs a slot's write.
 */
final class AttemptRing {

    private final Attempt[] slots;
    // guarded by this: how many were ever added
    private long added;

    AttemptRing(int capacity) {
        this.slots = new Attempt[Math.max(1, capacity)];
    }

    synchronized void add(Attempt attempt) {
        slots[(int) (added % slots.length)] = attempt;
        added++;
    }

    /** @return up to {@code limit} attempts that match, newest first */
    List<Attempt> newest(int limit, Predicate<Attempt> which) {
        Attempt[] copy;
        long count;
        synchronized (this) {
            copy = slots.clone();
            count = added;
        }
        List<Attempt> found = new ArrayList<>();
        long oldest = Math.max(0, count - copy.length);
        for (long i = count - 1; i >= oldest && found.size() < limit; i--) {
            Attempt attempt = copy[(int) (i % copy.length)];
            if (which.test(attempt)) {
                found.add(attempt);
            }
        }
        return found;
    }

    /** @return the newest attempt, or null */
    synchronized Attempt last() {
        return added == 0 ? null : slots[(int) ((added - 1) % slots.length)];
    }
}
