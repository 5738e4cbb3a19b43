package dev.regnotify.messaging;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.regnotify.events.RegistryEvent;

/**
 * What a {@link BrokerQueue} received and the broker still holds: the messages in the order they came, each with how
 * many of its events are not acknowledged yet, and the events not handed out yet. A message is acknowledged to the
 * broker only once every one of its events was, oldest message first, so that what is in flight is never acknowledged
 * with what came before it.
 *
 * <p>When the connection is lost the broker sends all of it again, to this instance or another: the events not handed
 * out are dropped at once, and the acknowledgements of those handed out are skipped when they come (they are stale:
 * the messages they were for are no longer this consumer's).
 *
 * <p>Only the endpoint's thread changes it; {@link #pending()} may be read from any thread.
 *
 * @param <M> a received message
 */
final class ReceivedMessages<M> {

    /** How a message is acknowledged to the broker. */
    @FunctionalInterface
    interface Acknowledger<M> {
        /** @throws Exception if the broker may not have it: it sends the message again */
        void acknowledge(M message) throws Exception;
    }

    /** A message whose events are handed out, and how many of them are not acknowledged yet. */
    private static final class Received<M> {
        final M message;
        int unacknowledged;

        Received(M message, int events) {
            this.message = message;
            this.unacknowledged = events;
        }
    }

    private final ArrayDeque<RegistryEvent> ready = new ArrayDeque<>();
    private final ArrayDeque<Received<M>> received = new ArrayDeque<>();
    private final AtomicLong pending = new AtomicLong();
    private long stale;

    /** @return the next event received and not handed out yet, or null */
    RegistryEvent next() {
        return ready.poll();
    }

    /** @return whether an event is received and not handed out yet */
    boolean hasNext() {
        return !ready.isEmpty();
    }

    /** @return whether every message received has been acknowledged (or given back with a lost connection) */
    boolean settled() {
        return received.isEmpty();
    }

    /**
     * Takes a message's events in, to be handed out in order. A message without events is acknowledged at once.
     *
     * @return the failure of that acknowledgement, or null; after one the connection is to be treated as lost
     */
    Exception add(M message, List<RegistryEvent> events, Acknowledger<M> acknowledger) {
        received.add(new Received<>(message, events.size()));
        pending.addAndGet(events.size());
        ready.addAll(events);
        return events.isEmpty() ? acknowledgeDone(acknowledger) : null;
    }

    /**
     * Counts events as delivered, oldest first, stale ones before the others, and acknowledges each message all of
     * whose events now are. A failed acknowledgement loses the connection ({@link #lost()}): the rest of the count, and
     * whatever else was handed out, is then stale.
     *
     * @return the first acknowledgement's failure, or null; after one the connection is to be treated as lost
     */
    Exception acknowledge(int count, Acknowledger<M> acknowledger) {
        Exception failure = null;
        int left = count;
        while (left > 0) {
            if (stale > 0) {
                int skipped = (int) Math.min(left, stale);
                stale -= skipped;
                left -= skipped;
                pending.addAndGet(-skipped);
            } else if (!received.isEmpty()) {
                Received<M> oldest = received.peek();
                int taken = Math.min(left, oldest.unacknowledged);
                oldest.unacknowledged -= taken;
                left -= taken;
                pending.addAndGet(-taken);
                Exception failed = acknowledgeDone(acknowledger);
                failure = failure == null ? failed : failure;
            } else {
                break;
            }
        }
        return failure;
    }

    /** Acknowledges, oldest first, the messages whose events were all delivered; stops at a failure, which loses. */
    private Exception acknowledgeDone(Acknowledger<M> acknowledger) {
        while (!received.isEmpty() && received.peek().unacknowledged == 0) {
            Received<M> done = received.poll();
            try {
                acknowledger.acknowledge(done.message);
            } catch (Exception e) {
                // the broker redelivers it to whoever reads the queue next: sent twice, not lost
                lost();
                return e;
            }
        }
        return null;
    }

    /**
     * The connection is lost, and with it every message received on it: the events not handed out are dropped, and
     * the acknowledgements to come for those handed out will be skipped. Calling it again changes nothing.
     */
    void lost() {
        long handedOut = received.stream().mapToLong(r -> r.unacknowledged).sum() - ready.size();
        stale += handedOut;
        pending.addAndGet(-ready.size());
        ready.clear();
        received.clear();
    }

    /** @return events received and not yet acknowledged (what the broker still holds is not counted) */
    long pending() {
        return Math.max(0, pending.get());
    }
}
