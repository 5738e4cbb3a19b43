package dev.regnotify.delivery.deadletter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.regnotify.delivery.DeadLetter;

/**
 * One endpoint's dead letters, oldest first, in memory and, given {@link DeadLetterFiles}, on disk. Bounded: it holds
 * at most {@code capacity} events; a letter that does not fit evicts the oldest ones, which the endpoint counts as
 * dropped. Thread-safe.
 *
 * @since 0.2
 */
// not final for one release: its deprecated forwarder in dev.regnotify.delivery extends it
public class DeadLetterStore implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    /**
     * What {@link #add} did.
     *
     * @param letter the letter as kept, with its id
     * @param evicted older letters it pushed out, now lost
     * @param durable whether it was written where a restart finds it (not when there are no files, or the write
     *        failed)
     */
    public record Added(DeadLetter letter, List<DeadLetter> evicted, boolean durable) {
    }

    private final String endpoint;
    private final long capacity;
    private final DeadLetterFiles files;
    private final TreeMap<Long, DeadLetter> letters = new TreeMap<>();
    private long events;
    private long nextId = 1;

    /**
     * @param endpoint the endpoint's name
     * @param capacity how many events its letters may hold together
     * @param files where they survive a restart, or null to keep them in memory only
     */
    public DeadLetterStore(String endpoint, long capacity, DeadLetterFiles files) {
        this.endpoint = endpoint;
        this.capacity = capacity;
        this.files = files;
        if (files != null) {
            try {
                nextId = files.highestId() + 1;
                for (DeadLetter letter : files.load()) {
                    letters.put(letter.id(), letter);
                    events += letter.events().size();
                    nextId = Math.max(nextId, letter.id() + 1);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the dead letters of endpoint " + endpoint + ": "
                        + e.getMessage(), e);
            }
            if (!letters.isEmpty()) {
                LOG.log(Level.INFO, "RN-336 endpoint {0} has {1} dead letters ({2} events) from before", endpoint,
                        String.valueOf(letters.size()), String.valueOf(events));
            }
        }
    }

    /**
     * Keeps a letter under a new id, evicting the oldest ones if it does not fit.
     *
     * @param letter the letter (its id is replaced)
     * @return the letter as kept and what it evicted
     */
    public synchronized Added add(DeadLetter letter) {
        DeadLetter kept = letter.withId(nextId++);
        List<DeadLetter> evicted = put(kept);
        boolean durable = false;
        if (files != null) {
            try {
                files.save(kept);
                durable = true;
            } catch (IOException e) {
                LOG.log(Level.ERROR, "RN-334 dead letter {0} of endpoint {1} is kept in memory only, so a restart "
                        + "loses it: {2}", String.valueOf(kept.id()), endpoint, e.toString());
            }
        }
        return new Added(kept, evicted, durable);
    }

    /**
     * Keeps a letter under a new id only if it is written where a restart finds it first: otherwise nothing changes,
     * no older letter is pushed out for it and none is seen meanwhile.
     *
     * @param letter the letter (its id is replaced)
     * @return the letter as kept and what it evicted, or empty if it could not be written (or there are no files)
     * @since 0.4
     */
    public synchronized Optional<Added> addDurably(DeadLetter letter) {
        if (files == null) {
            return Optional.empty();
        }
        DeadLetter kept = letter.withId(nextId++);
        try {
            files.save(kept);
        } catch (IOException e) {
            return Optional.empty(); // the caller says what happens to its events instead
        }
        return Optional.of(new Added(kept, put(kept), true));
    }

    /** Puts a letter in, after the oldest ones it does not fit beside: @return those, now gone */
    private List<DeadLetter> put(DeadLetter kept) {
        List<DeadLetter> evicted = new ArrayList<>();
        while (!letters.isEmpty() && events + kept.events().size() > capacity) {
            DeadLetter oldest = letters.firstEntry().getValue();
            forget(oldest.id());
            evicted.add(oldest);
        }
        letters.put(kept.id(), kept);
        events += kept.events().size();
        return evicted;
    }

    /** @return every letter, oldest first */
    public synchronized List<DeadLetter> list() {
        return List.copyOf(letters.values());
    }

    /** @param id a letter's id @return the letter, if it is still here */
    public synchronized Optional<DeadLetter> get(long id) {
        return Optional.ofNullable(letters.get(id));
    }

    /** @param id a letter's id @return whether it was here */
    public synchronized boolean remove(long id) {
        return forget(id) != null;
    }

    /** @param which the letters to remove @return how many were removed */
    public synchronized int removeIf(Predicate<DeadLetter> which) {
        List<Long> ids = letters.values().stream().filter(which).map(DeadLetter::id).toList();
        ids.forEach(this::forget);
        return ids.size();
    }

    /** @return how many letters it holds */
    public synchronized int count() {
        return letters.size();
    }

    /** @return how many events its letters hold */
    public synchronized long eventCount() {
        return events;
    }

    private DeadLetter forget(long id) {
        DeadLetter gone = letters.remove(id);
        if (gone == null) {
            return null;
        }
        events -= gone.events().size();
        if (files != null) {
            try {
                files.delete(id);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "RN-335 dead letter {0} of endpoint {1} could not be deleted from disk; it "
                        + "comes back after a restart: {2}", String.valueOf(id), endpoint, e.toString());
            }
        }
        return gone;
    }

    @Override
    public void close() {
        if (files != null) {
            files.close();
        }
    }

    @Override
    public String toString() {
        return "DeadLetterStore[" + endpoint + ": " + count() + " letters, " + eventCount() + " events"
                + (files == null ? ", in memory" : "") + "]";
    }
}
