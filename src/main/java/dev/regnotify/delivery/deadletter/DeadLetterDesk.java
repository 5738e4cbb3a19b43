package dev.regnotify.delivery.deadletter;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.events.DeliveryExhausted;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.events.RegistryEvent;

/**
 * An endpoint's dead letters and the replays asked of them. It keeps what ran out of attempts (logged, counted and
 * told), and queues replays so that a letter goes to the back of the endpoint's queue: it is handed out once every
 * event that was queued when it was asked for has been taken for sending, or at once if the queue is idle.
 * Thread-safe: operators ask from any thread, the endpoint's threads take.
 */
public final class DeadLetterDesk {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private record Request(long id, long after) {
    }

    private final String endpoint;
    private final DeadLetterStore store;
    private final EndpointCounters counters;
    private final LongSupplier backlog;
    private final DeliveryListener listener;
    private final LongConsumer dropped;
    private final Clock clock;
    private final long capacity;
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private final Set<Long> outstanding = new HashSet<>();

    /**
     * @param endpoint the endpoint's name
     * @param store its letters
     * @param capacity how many events they may hold, for messages
     * @param counters its counters
     * @param backlog how many events a replay asked for now must wait behind: those taken from the queue so far and
     *        those still in it
     * @param listener told of each new letter
     * @param dropped told how many events a full store pushed out
     * @param clock the time of events
     */
    public DeadLetterDesk(String endpoint, DeadLetterStore store, long capacity, EndpointCounters counters,
            LongSupplier backlog, DeliveryListener listener, LongConsumer dropped, Clock clock) {
        this.endpoint = endpoint;
        this.store = store;
        this.capacity = capacity;
        this.counters = counters;
        this.backlog = backlog;
        this.listener = listener;
        this.dropped = dropped;
        this.clock = clock;
    }

    /** @return the letters */
    public DeadLetterStore store() {
        return store;
    }

    /** @return whether a letter was purged (or delivered) since it was handed out for replay */
    public boolean purged(long id) {
        return store.get(id).isEmpty();
    }

    /** Keeps an envelope that ran out of attempts: logged, counted, and told; what it pushes out is dropped. */
    public void keep(DeadLetter letter) {
        announce(letter, store.add(letter));
    }

    /** Logs, counts and tells a letter kept, and what it pushed out. */
    private void announce(DeadLetter letter, DeadLetterStore.Added added) {
        counters.deadLettered(letter.events().size());
        LOG.log(Level.WARNING, "RN-331 endpoint {0}: {1} events ({5}) became dead letter {2} after {3} attempts: {4}",
                endpoint, String.valueOf(letter.events().size()), String.valueOf(added.letter().id()),
                String.valueOf(letter.attempts()), letter.lastError(), firstIds(letter.eventIds()));
        listener.on(new DeliveryExhausted(endpoint, added.letter().id(), letter.eventIds(), letter.attempts(),
                letter.lastError(), clock.instant()));
        announceEvicted(added);
    }

    /** Counts and logs the letters an addition pushed out: their events are lost. */
    private void announceEvicted(DeadLetterStore.Added added) {
        for (DeadLetter evicted : added.evicted()) {
            dropped.accept(evicted.events().size());
            LOG.log(Level.ERROR, "RN-333 endpoint {0}: its dead letters are full ({1} events); the oldest, {2}, "
                    + "with {3} events, is dropped", endpoint, String.valueOf(capacity),
                    String.valueOf(evicted.id()), String.valueOf(evicted.events().size()));
        }
    }

    /** @return the first ten ids, and how many more: enough to find the events, bounded for a batch of thousands */
    private static String firstIds(List<String> ids) {
        return ids.size() <= 10 ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, 10)) + " and " + (ids.size() - 10) + " more";
    }

    /**
     * Keeps events the queue gave up for the endpoint (a journal moving it past them), as a letter of no attempt, if
     * the letter can be kept where a restart finds it: the queue lets them go only then.
     *
     * @param events the events
     * @param reason why, as the letter's last error
     * @return whether they are kept durably; if not, no letter is kept (they stay in the queue)
     */
    public boolean keepOverrun(List<RegistryEvent> events, String reason) {
        Instant now = clock.instant();
        DeadLetter letter = new DeadLetter(0, endpoint, events, 0, now, now, reason);
        Optional<DeadLetterStore.Added> added = store.addDurably(letter);
        if (added.isEmpty()) {
            LOG.log(Level.ERROR, "RN-339 endpoint {0}: {1} events its queue would give up cannot be kept as a dead "
                    + "letter where a restart finds it; they stay in the queue", endpoint,
                    String.valueOf(events.size()));
            return false;
        }
        announce(letter, added.get());
        return true;
    }

    /**
     * Queues a letter for replay behind every event queued now.
     *
     * @param id a letter's id
     * @return false if there is no such letter, or it is waiting or being sent already
     */
    public boolean replay(long id) {
        return replay(id, backlog.getAsLong());
    }

    /**
     * Queues the letters that match for replay, oldest first, behind every event queued now.
     *
     * @param which the letters to replay
     * @return how many were queued (those already waiting or being sent are not counted)
     */
    public synchronized int replay(Predicate<DeadLetter> which) {
        long after = backlog.getAsLong();
        int queued = 0;
        for (DeadLetter letter : store.list()) {
            if (which.test(letter) && replay(letter.id(), after)) {
                queued++;
            }
        }
        return queued;
    }

    private synchronized boolean replay(long id, long after) {
        if (store.get(id).isEmpty() || !outstanding.add(id)) {
            return false;
        }
        waiting.add(new Request(id, after));
        return true;
    }

    /** @return letters asked for and not yet settled */
    public synchronized int replaying() {
        return outstanding.size();
    }

    /**
     * @param taken how many events have been taken from the queue so far
     * @param queueIdle whether the queue had nothing to give: then the next letter goes whatever its turn
     * @return the next letter whose turn has come, to be settled with {@link #replayed}; or null
     */
    public synchronized DeadLetter nextReplay(long taken, boolean queueIdle) {
        while (!waiting.isEmpty() && (queueIdle || waiting.peek().after() <= taken)) {
            long id = waiting.poll().id();
            Optional<DeadLetter> letter = store.get(id);
            if (letter.isPresent()) {
                LOG.log(Level.INFO, "RN-337 endpoint {0} replays dead letter {1} ({2} events)", endpoint,
                        String.valueOf(id), String.valueOf(letter.get().events().size()));
                return letter.get();
            }
            outstanding.remove(id); // purged meanwhile
        }
        return null;
    }

    /**
     * @param id a letter {@link #nextReplay} gave
     * @param delivered whether its receiver took it (or it became a dead letter again): then it leaves
     */
    public synchronized void replayed(long id, boolean delivered) {
        if (delivered) {
            store.remove(id);
        }
        outstanding.remove(id);
    }
}
