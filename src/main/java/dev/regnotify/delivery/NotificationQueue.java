package dev.regnotify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.regnotify.events.RegistryEvent;

/**
 * An endpoint's queue of registry events (turned into notifications on the endpoint's thread, so that the
 * caller's thread only enqueues and a queued event holds little memory). Producers {@link #offer} from the registry
 * operation's thread, without blocking; the endpoint's one delivery thread polls, and acknowledges what was delivered,
 * in order. A durable queue persists its position on {@link #acknowledge}; the in-memory one only counts.
 *
 * @since 0.1
 */
public interface NotificationQueue extends AutoCloseable {

    /**
     * @param event the next event
     * @return whether it was accepted; false means dropped (the queue is full or closed)
     */
    boolean offer(RegistryEvent event);

    /**
     * @param wait how long to wait for one
     * @return the next event not yet polled, or null if none arrived in time
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    RegistryEvent poll(Duration wait) throws InterruptedException;

    /** @return the next event not yet polled, or null if none is waiting */
    RegistryEvent poll();

    /** @param count how many polled events, the oldest first, were delivered */
    void acknowledge(int count);

    /** @return events offered and not yet acknowledged */
    long pending();

    /**
     * Where events go that the queue can no longer keep for this endpoint (a journal that makes room for the other
     * endpoints' new events): the endpoint keeps them as dead letters. A queue that never gives events up ignores it.
     *
     * @param keeper takes them, oldest first, from any thread
     * @since 0.3
     */
    default void onOverrun(Overrun keeper) {
    }

    /**
     * Reads again the events this queue's endpoint has delivered from a time on, for a replay. Only a queue that keeps
     * delivered events can (the journal's, with a retention); the others refuse.
     *
     * @param since the earliest time, inclusive
     * @return the replay, from the first event at or after {@code since} up to the last one the endpoint took for
     *         sending
     * @throws ReplayRefusedException if the queue keeps no delivered event, or not since that time
     * @since 0.3
     */
    default EventReplay replaySince(Instant since) {
        throw new ReplayRefusedException(ReplayRefusedException.Reason.NO_JOURNAL, "replay by time needs a journal "
                + "that keeps delivered events (notifications.journal with retention); this endpoint's queue "
                + "forgets an event once it is delivered", null);
    }

    /**
     * Takes events a queue gave up for its endpoint.
     *
     * @since 0.3
     */
    @FunctionalInterface
    interface Overrun {

        /** Drops them: the queue logged what it gave up. */
        Overrun DROP = (events, reason) -> true;

        /**
         * @param events the events, in order
         * @param reason why the queue gave them up
         * @return whether they are kept where a restart finds them: if not, the queue keeps them itself
         */
        boolean keep(List<RegistryEvent> events, String reason);
    }

    @Override
    void close();
}
