package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicInteger;

import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.wire.EnvelopeFormat;

/**
 * {@link Lanes} by turns on a {@link DeliveryPool}: the dispatcher and each lane are jobs with {@link Turns} of their
 * own, so that the endpoint holds a pool thread only while one of them has work (dispatching, or a lane sending: at
 * most {@code maxinflight} at once) and none while it waits. Each lane runs a {@link PooledLoop} over its
 * {@link Lane}: a retry's wait ends its turn, and the failed attempt before it too, as for an endpoint with one
 * envelope in flight. The same order per repository, the same {@link LaneWindow} and acknowledgements as with threads.
 * Its lanes hold at most all but one of the pool's threads at once ({@link LaneSeats}): lanes whose receiver hangs
 * never hold back every other endpoint.
 *
 * <p>The dispatcher's turns poll the queue without waiting, hand each event to its lane and wake it; a lane that
 * settles an envelope wakes the dispatcher, which acknowledges and, if the window was full, takes more. The dispatcher
 * ends once the endpoint is draining and everything was acknowledged, or delivery was abandoned; a lane once the
 * dispatcher ended and it holds nothing, or delivery was abandoned. The last of them to end acknowledges what the
 * lanes settled last and tells the endpoint's end: no thread waits for the others to stop.
 */
final class PooledLanes {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");
    // events dispatched in one turn before the dispatcher goes behind the other endpoints' turns
    private static final int EVENTS_PER_TURN = 256;

    private final EndpointState state;
    private final NotificationQueue queue;
    private final LaneWindow window;
    private final Lane[] lanes;
    private final Turns[] laneTurns;
    private final Turns dispatcher;
    private final Runnable ended;
    // the dispatcher and the lanes whose loop has not ended
    private final AtomicInteger running;
    // set by the dispatcher's last turn: it hands no more events
    private volatile boolean finished;

    /**
     * Starts the dispatcher's and the lanes' turns.
     *
     * @param ended told once, when the dispatcher and every lane ended
     */
    PooledLanes(EndpointState state, DeadLetterDesk deadLetters, EnvelopeFormat format, NotificationQueue queue,
            Sink transport, DeliveryPool pool, Runnable ended) {
        this.state = state;
        this.queue = queue;
        this.ended = ended;
        this.window = new LaneWindow(state.config(), queue);
        this.lanes = new Lane[state.config().queue().maxInFlight()];
        this.laneTurns = new Turns[lanes.length];
        this.running = new AtomicInteger(lanes.length + 1);
        this.dispatcher = new Turns(pool, this::dispatchTurn);
        LaneSeats seats = new LaneSeats(lanes.length, pool.size());
        for (int i = 0; i < lanes.length; i++) {
            Lane lane = new Lane(window, dispatcher::arrived);
            SendingParts parts = SendingParts.of(state, deadLetters, format, transport);
            PooledLoop loop = new PooledLoop(state, deadLetters, parts.builder(), parts.sender(), lane,
                    lane::delivered, () -> queue.pending() == 0, () -> finished && lane.isEmpty(), this::laneEnded);
            lanes[i] = lane;
            int index = i;
            laneTurns[i] = new Turns(pool, () -> seats.turn(loop::turn, laneTurns[index]));
        }
        wake();
    }

    /** An event was queued: the dispatcher hands it on. */
    void arrived() {
        dispatcher.arrived();
    }

    /** Work beside the queue's (a dead letter's replay, a replay by time, the endpoint enabled): any lane may take it. */
    void asked() {
        dispatcher.arrived();
        for (Turns lane : laneTurns) {
            lane.arrived();
        }
    }

    /** Gives the dispatcher and every lane a turn at once, to see that the endpoint closes or gives up. */
    void wake() {
        dispatcher.wake();
        for (Turns lane : laneTurns) {
            lane.wake();
        }
    }

    /** @return what comes next, as {@link Turns} reads it; never throws but an error the JVM cannot recover from */
    private long dispatchTurn() {
        try {
            return dispatch();
        } catch (Throwable e) {
            try {
                return Math.max(1, state.defect(e).toNanos()); // a failed read of the queue: nothing taken is lost
            } catch (Error fatal) {
                LOG.log(Level.ERROR, "RN-309 endpoint " + state.name() + ": an error the virtual machine cannot "
                        + "recover from; its delivery ends", fatal);
                state.stop().abandon();
                end();
                throw fatal;
            }
        }
    }

    private long dispatch() {
        window.acknowledge();
        state.reportDrops();
        for (int i = 0; i < EVENTS_PER_TURN; i++) {
            if (state.stop().isAbandoned()) {
                return end();
            }
            if (window.full()) {
                return Turns.IDLE; // behind a lane that retries: what it settles wakes this
            }
            RegistryEvent event = queue.poll();
            if (event == null) {
                return state.isDraining() && queue.pending() == 0 ? end() : Turns.IDLE;
            }
            state.took();
            int lane = Lane.indexOf(event, lanes.length);
            lanes[lane].add(event, window.take());
            laneTurns[lane].arrived();
        }
        return Turns.AGAIN;
    }

    /** The dispatcher hands no more events: the lanes end once they hold none. */
    private long end() {
        if (finished) {
            return Turns.FINISHED; // a fatal error thrown by the end itself comes back here: it ends once
        }
        finished = true;
        for (Turns lane : laneTurns) {
            lane.wake();
        }
        oneEnded();
        return Turns.FINISHED;
    }

    private void laneEnded() {
        if (!finished) {
            // not drained nor given up: an error the JVM cannot recover from ended it (its loop said so); the
            // endpoint's delivery ends with it, as with one envelope in flight, rather than go on without a partition
            state.stop().abandon();
            wake();
        }
        oneEnded();
    }

    private void oneEnded() {
        if (running.decrementAndGet() > 0) {
            return;
        }
        // the last to end: no other turn touches the window any more
        try {
            window.acknowledge();
            state.reportDrops();
        } finally {
            ended.run();
        }
    }
}
