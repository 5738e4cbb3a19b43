package dev.regnotify.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.wire.EnvelopeFormat;

/**
 * Delivery with up to {@code maxinflight} envelopes in flight, for a receiver far away, on threads of its own: events
 * are partitioned by repository over as many {@link Lane}s, each with a thread, a connection and a retry state of its
 * own, sending one envelope at a time. Events of one repository therefore arrive in the order they were produced;
 * events of different repositories may not. A lane that retries holds back its own partition only. {@link PooledLanes}
 * does the same by turns on a pool.
 *
 * <p>The endpoint's thread polls the queue, hands each event to its lane, and acknowledges to the queue what the
 * {@link LaneWindow} says: a durable queue's position never passes an event still in flight. A lane never makes the
 * endpoint's thread wait: its events queue up behind it while the other lanes go on, up to the window.
 */
final class Lanes {

    private static final Duration IDLE_CHECK = Duration.ofMillis(50);

    private final EndpointState state;
    private final NotificationQueue queue;
    private final StopSignal stop;
    private final LaneWindow window;
    private final Lane[] lanes;
    private final Thread[] threads;
    private volatile boolean finished;

    Lanes(EndpointState state, DeadLetterDesk deadLetters, EnvelopeFormat format, NotificationQueue queue,
            Sink transport, ThreadFactory threads) {
        this.state = state;
        this.queue = queue;
        this.stop = state.stop();
        this.window = new LaneWindow(state.config(), queue);
        this.lanes = new Lane[state.config().queue().maxInFlight()];
        this.threads = new Thread[lanes.length];
        for (int i = 0; i < lanes.length; i++) {
            Lane lane = new Lane(window, () -> { });
            SendingParts parts = SendingParts.of(state, deadLetters, format, transport);
            DeliveryLoop loop = new DeliveryLoop(state, deadLetters, parts.builder(), parts.sender(), lane,
                    lane::delivered, () -> queue.pending() == 0, () -> finished && lane.isEmpty(), null);
            lanes[i] = lane;
            this.threads[i] = state.newThread(threads, "-lane-" + i, loop::run);
            this.threads[i].start();
        }
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
            for (Thread thread : threads) {
                thread.join(EndpointState.STOP_GRACE.toMillis());
            }
            window.acknowledge();
        }
    }

    /** @return false once the endpoint is closing and its queue is empty */
    private boolean dispatchNext() throws InterruptedException {
        window.acknowledge();
        state.reportDrops();
        if (window.full()) {
            // the window is full behind a lane that retries: wait for it, or for whatever it delivers
            window.awaitDelivered(IDLE_CHECK);
            return true;
        }
        RegistryEvent event = queue.poll(IDLE_CHECK);
        if (event == null) {
            return !(state.isDraining() && queue.pending() == 0);
        }
        state.took();
        lanes[Lane.indexOf(event, lanes.length)].add(event, window.take());
        return true;
    }
}
