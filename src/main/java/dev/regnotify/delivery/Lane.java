package dev.regnotify.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.regnotify.events.RegistryEvent;

/**
 * One partition of an endpoint's events, as its lane's loop polls them: the events the dispatcher handed it, each with
 * its place in the queue's order; once an envelope of them is settled, their places go to the {@link LaneWindow}.
 *
 * <p>The dispatcher adds; the lane's loop (its thread, or its turns, which never overlap) polls and is told.
 */
final class Lane implements EnvelopeBuilder.Source {

    /** An event handed to a lane, with its place in the order the queue gave it. */
    private record Item(RegistryEvent event, long sequence) {
    }

    // unbounded here: the window bounds every lane's events together
    private final LinkedBlockingQueue<Item> waiting = new LinkedBlockingQueue<>();
    // owned by the lane's loop: the sequences of the events polled and not yet settled
    private final ArrayDeque<Long> taken = new ArrayDeque<>();
    private final LaneWindow window;
    private final Runnable settled;

    /**
     * @param window where its settled events' places go
     * @param settled told after each envelope settled (a pooled dispatcher is woken by it)
     */
    Lane(LaneWindow window, Runnable settled) {
        this.window = window;
        this.settled = settled;
    }

    /** @return which of {@code count} lanes carries an event: the same for every event of a repository */
    static int indexOf(RegistryEvent event, int count) {
        return Math.floorMod(event.repository().hashCode(), count);
    }

    /** The dispatcher hands it an event taken from the queue. */
    void add(RegistryEvent event, long sequence) {
        waiting.add(new Item(event, sequence));
    }

    /** @return whether it has nothing waiting and nothing unsettled; from the lane's loop */
    boolean isEmpty() {
        return waiting.isEmpty() && taken.isEmpty();
    }

    @Override
    public RegistryEvent poll(Duration wait) throws InterruptedException {
        return taken(waiting.poll(wait.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public RegistryEvent poll() {
        return taken(waiting.poll());
    }

    private RegistryEvent taken(Item item) {
        if (item == null) {
            return null;
        }
        taken.add(item.sequence());
        return item.event();
    }

    /** Hands the settled envelope's events back to the window, which acknowledges them in the queue's order. */
    void delivered(EnvelopeBuilder.Batch batch) {
        long[] sequences = new long[batch.consumed()];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = taken.poll();
        }
        window.delivered(sequences);
        settled.run();
    }
}
