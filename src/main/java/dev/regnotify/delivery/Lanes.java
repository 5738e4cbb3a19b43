package dev.regnotify.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.delivery.retry.RetrySchedule;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.wire.EnvelopeFormat;

/**
 * Delivery with up to {@code maxinflight} envelopes in flight, for a receiver far away: events are partitioned by
 * repository over as many lanes, each with a thread, a connection and a retry state of its own, sending one envelope
 * at a time. Events of one repository therefore arrive in the order they were produced; events of different
 * repositories may not. A lane that retries holds back its own partition only.
 *
 * <p>The endpoint's thread polls the queue, hands each event to its lane, and acknowledges to the queue, in the order
 * it polled them, the longest run of events the lanes have delivered: a durable queue's position never passes an
 * event still in flight (after a crash, what the other lanes had delivered beyond it is sent again).
 *
 * <p>A lane never makes the endpoint's thread wait: its events queue up behind it while the other lanes go on. What
 * bounds that is the window: at most {@link #window} events are taken from the queue and not yet acknowledged. A lane
 * that retries for long (a repository its receiver refuses) therefore holds the others back only once the window is
 * full behind its oldest event, and a restart sends again at most a window of events.
 */
final class Lanes {

    private static final Duration IDLE_CHECK = Duration.ofMillis(50);

    /** An event handed to a lane, with its place in the order the queue gave it. */
    private record Item(RegistryEvent event, long sequence) {
    }

    private final EndpointState state;
    private final EndpointConfig config;
    private final NotificationQueue queue;
    private final StopSignal stop;
    private final Lane[] lanes;
    private final LinkedBlockingQueue<long[]> delivered = new LinkedBlockingQueue<>();
    // owned by the dispatching thread: which of the window's sequences were delivered, indexed by sequence % size
    private final boolean[] done;
    private long nextSequence;
    private long acknowledgedUpTo;
    private volatile boolean finished;

    Lanes(EndpointState state, DeadLetterDesk deadLetters, EnvelopeFormat format, NotificationQueue queue,
            Sink transport, ThreadFactory threads) {
        this.state = state;
        this.config = state.config();
        this.queue = queue;
        this.stop = state.stop();
        this.lanes = new Lane[config.queue().maxInFlight()];
        this.done = new boolean[window(config)];
        for (int i = 0; i < lanes.length; i++) {
            EnvelopeBuilder builder = new EnvelopeBuilder(format, config.envelope().batch(), config.name(),
                    () -> state.counters().skipped(1));
            RetryingSender sender = new RetryingSender(state, deadLetters, builder, transport,
                    RetrySchedule.of(config, System::nanoTime));
            lanes[i] = new Lane(state, deadLetters, builder, sender, threads, i);
        }
    }

    /**
     * @param config the endpoint's configuration
     * @return how many events may be taken from the queue and not yet acknowledged: a thousand per lane, or four
     *         envelopes per lane if they are larger, so that lanes at full speed never wait for it
     */
    static int window(EndpointConfig config) {
        return config.queue().maxInFlight() * Math.max(1024, 4 * config.envelope().batch().maxEvents());
    }

    /**
     * Dispatches, on the endpoint's thread, until the endpoint is closing and everything was delivered, or delivery
     * is abandoned; then stops the lanes.
     */
    void run() throws DeliveryAbandonedException, InterruptedException {
        try {
            while (!stop.isAbandoned()) {
                try {
                    if (!dispatchNext()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    throw e;
                } catch (Throwable e) {
                    state.pauseAfterDefect(e); // a failed read of the queue, say: nothing taken is forgotten
                }
            }
        } finally {
            finished = true;
            for (Lane lane : lanes) {
                lane.thread.join(EndpointState.STOP_GRACE.toMillis());
            }
            acknowledgeDelivered();
        }
    }

    /** @return false once the endpoint is closing and its queue is empty */
    private boolean dispatchNext() throws InterruptedException {
        acknowledgeDelivered();
        state.reportDrops();
        if (nextSequence - acknowledgedUpTo >= done.length) {
            // the window is full behind a lane that retries: wait for it, or for whatever it delivers
            long[] sequences = delivered.poll(IDLE_CHECK.toNanos(), TimeUnit.NANOSECONDS);
            if (sequences != null) {
                markDone(sequences);
            }
            return true;
        }
        RegistryEvent event = queue.poll(IDLE_CHECK);
        if (event == null) {
            return !(state.isDraining() && queue.pending() == 0);
        }
        state.took();
        Lane lane = lanes[laneOf(event, lanes.length)];
        lane.waiting.add(new Item(event, nextSequence++));
        return true;
    }

    /** @return which of {@code count} lanes carries an event: the same for every event of a repository */
    static int laneOf(RegistryEvent event, int count) {
        return Math.floorMod(event.repository().hashCode(), count);
    }

    /** Acknowledges the run of delivered events that follows the last acknowledged one. */
    private void acknowledgeDelivered() {
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

    /** One partition's events, sent in order, one envelope at a time, by a loop on a thread of its own. */
    private final class Lane implements EnvelopeBuilder.Source {

        // unbounded here: the window bounds every lane's events together
        final LinkedBlockingQueue<Item> waiting = new LinkedBlockingQueue<>();
        final Thread thread;
        // owned by the lane's thread: the sequences of the events polled and not yet reported delivered
        private final ArrayDeque<Long> taken = new ArrayDeque<>();

        Lane(EndpointState state, DeadLetterDesk deadLetters, EnvelopeBuilder builder, RetryingSender sender,
                ThreadFactory threads, int index) {
            DeliveryLoop loop = new DeliveryLoop(state, deadLetters, builder, sender, this, this::delivered,
                    () -> queue.pending() == 0, () -> finished && waiting.isEmpty() && taken.isEmpty(), null);
            this.thread = state.newThread(threads, "-lane-" + index, loop::run);
            thread.start();
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

        /** Hands the settled envelope's events back to the dispatcher, which acknowledges them in the queue's order. */
        private void delivered(EnvelopeBuilder.Batch batch) {
            long[] sequences = new long[batch.consumed()];
            for (int i = 0; i < sequences.length; i++) {
                sequences[i] = taken.poll();
            }
            Lanes.this.delivered.add(sequences);
        }
    }
}
