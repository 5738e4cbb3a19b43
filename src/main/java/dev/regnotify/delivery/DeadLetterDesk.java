package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

import dev.regnotify.delivery.events.DeliveryExhausted;

/**
 * An endpoint's dead letters and the replays asked of them. It keeps what ran out of attempts (logged, counted and
 * told), and queues replays so that a letter goes to the back of the endpoint's queue: it is handed out once every
 * event that was queued when it was asked for has been taken for sending, or at once if the queue is idle.
 * Thread-safe: operators ask from any thread, the endpoint's threads take.
 */
final class DeadLetterDesk {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private record Request(long id, long after) {
    }

    private final String endpoint;
    private final DeadLetterStore store;
    private final EndpointMetrics metrics;
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
     * @param metrics its counters
     * @param listener told of each new letter
     * @param dropped told how many events a full store pushed out
     * @param clock the time of events
     */
    DeadLetterDesk(String endpoint, DeadLetterStore store, long capacity, EndpointMetrics metrics,
            DeliveryListener listener, LongConsumer dropped, Clock clock) {
        this.endpoint = endpoint;
        this.store = store;
        this.capacity = capacity;
        this.metrics = metrics;
        this.listener = listener;
        this.dropped = dropped;
        this.clock = clock;
    }

    DeadLetterStore store() {
        return store;
    }

    /** @return whether a letter was purged (or delivered) since it was handed out for replay */
    boolean purged(long id) {
        return store.get(id).isEmpty();
    }

    /** Keeps an envelope that ran out of attempts: logged, counted, and told; what it pushes out is dropped. */
    void keep(DeadLetter letter) {
        DeadLetterStore.Added added = store.add(letter);
        metrics.deadLettered(letter.events().size());
        LOG.log(Level.WARNING, "RN-331 endpoint {0}: {1} events ({5}) became dead letter {2} after {3} attempts: {4}",
                endpoint, LogNumbers.plain(letter.events().size()), LogNumbers.plain(added.letter().id()),
                LogNumbers.plain(letter.attempts()), letter.lastError(), firstIds(letter.eventIds()));
        listener.on(new DeliveryExhausted(endpoint, added.letter().id(), letter.eventIds(), letter.attempts(),
                letter.lastError(), clock.instant()));
        for (DeadLetter evicted : added.evicted()) {
            dropped.accept(evicted.events().size());
            LOG.log(Level.ERROR, "RN-333 endpoint {0}: its dead letters are full ({1} events); the oldest, {2}, "
                    + "with {3} events, is dropped", endpoint, LogNumbers.plain(capacity),
                    LogNumbers.plain(evicted.id()), LogNumbers.plain(evicted.events().size()));
        }
    }

    /** @return the first ten ids, and how many more: enough to find the events, bounded for a batch of thousands */
    private static String firstIds(List<String> ids) {
        return ids.size() <= 10 ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, 10)) + " and " + (ids.size() - 10) + " more";
    }

    /**
     * @param id a letter's id
     * @param after how many events must have been taken from the queue before it goes
     * @return false if there is no such letter, or it is waiting or being sent already
     */
    synchronized boolean replay(long id, long after) {
        if (store.get(id).isEmpty() || !outstanding.add(id)) {
            return false;
        }
        waiting.add(new Request(id, after));
        return true;
    }

    /**
     * @param which the letters to replay, oldest first
     * @param after how many events must have been taken from the queue before they go
     * @return how many were queued (those already waiting or being sent are not counted)
     */
    synchronized int replay(Predicate<DeadLetter> which, long after) {
        int queued = 0;
        for (DeadLetter letter : store.list()) {
            if (which.test(letter) && replay(letter.id(), after)) {
                queued++;
            }
        }
        return queued;
    }

    /** @return letters asked for and not yet settled */
    synchronized int replaying() {
        return outstanding.size();
    }

    /**
     * @param taken how many events have been taken from the queue so far
     * @param queueIdle whether the queue had nothing to give: then the next letter goes whatever its turn
     * @return the next letter whose turn has come, to be settled with {@link #replayed}; or null
     */
    synchronized DeadLetter nextReplay(long taken, boolean queueIdle) {
        while (!waiting.isEmpty() && (queueIdle || waiting.peek().after() <= taken)) {
            long id = waiting.poll().id();
            Optional<DeadLetter> letter = store.get(id);
            if (letter.isPresent()) {
                LOG.log(Level.INFO, "RN-337 endpoint {0} replays dead letter {1} ({2} events)", endpoint,
                        LogNumbers.plain(id), LogNumbers.plain(letter.get().events().size()));
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
    synchronized void replayed(long id, boolean delivered) {
        if (delivered) {
            store.remove(id);
        }
        outstanding.remove(id);
    }
}
