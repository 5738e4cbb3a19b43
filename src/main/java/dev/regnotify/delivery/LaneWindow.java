package dev.regnotify.delivery;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.regnotify.config.EndpointConfig;

/**
 * The events an endpoint's lanes were given and not yet acknowledged: each event taken from the queue gets the next
 * sequence; lanes report the sequences they settled; the dispatcher acknowledges to the queue, in the order it polled
 * them, the longest run settled, so that a durable queue's position never passes an event still in flight (after a
 * crash, what other lanes had delivered beyond it is sent again).
 *
 * <p>At most {@link #size} events are taken and not acknowledged: a lane that retries for long (a repository its
 * receiver refuses) therefore holds the others back only once the window is full behind its oldest event, and a
 * restart sends again at most a window of events.
 *
 * <p>Owned by the dispatcher (its thread, or its turns, which never overlap), but for {@link #delivered}, which any
 * lane calls from its own thread or turn.
 */
final class LaneWindow {

    private final NotificationQueue queue;
    private final LinkedBlockingQueue<long[]> delivered = new LinkedBlockingQueue<>();
    // which of the window's sequences were settled, indexed by sequence % size
    private final boolean[] done;
    private long nextSequence;
    private long acknowledgedUpTo;

    LaneWindow(EndpointConfig config, NotificationQueue queue) {
        this.queue = queue;
        this.done = new boolean[size(config)];
    }

    /**
     * @param config the endpoint's configuration
     * @return how many events may be taken from the queue and not yet acknowledged: a thousand per lane, or four
     *         envelopes per lane if they are larger, so that lanes at full speed never wait for it
     */
    static int size(EndpointConfig config) {
        return config.queue().maxInFlight() * Math.max(1024, 4 * config.envelope().batch().maxEvents());
    }

    /** @return whether no more events may be taken until some are acknowledged */
    boolean full() {
        return nextSequence - acknowledgedUpTo >= done.length;
    }

    /** @return the sequence of the event just taken from the queue */
    long take() {
        return nextSequence++;
    }

    /** A lane settled these events (delivered, or dead letters); from any lane's thread or turn. */
    void delivered(long[] sequences) {
        delivered.add(sequences);
    }

    /** Waits, on the dispatcher's own thread, until a lane settles something or the wait is over. */
    void awaitDelivered(Duration wait) throws InterruptedException {
        long[] sequences = delivered.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (sequences != null) {
            markDone(sequences);
        }
    }

    /** Acknowledges the run of settled events that follows the last acknowledged one. */
    void acknowledge() {
        for (long[] sequences = delivered.poll(); sequences != null; sequences = delivered.poll()) {
            markDone(sequences);
        }
        int count = 0;
        while (acknowledgedUpTo < nextSequence && done[slot(acknowledgedUpTo)]) {
            done[slot(acknowledgedUpTo)] = false;
            acknowledgedUpTo++;
            count++;
        }
        if (count > 0) {
            queue.acknowledge(count);
        }
    }

    private void markDone(long[] sequences) {
        for (long sequence : sequences) {
            done[slot(sequence)] = true;
        }
    }

    private int slot(long sequence) {
        return (int) (sequence % done.length);
    }
}
