package dev.regnotify.delivery;

import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.wire.EnvelopeFormat;

/**
 * An endpoint delivered by turns on a {@link DeliveryPool}: with one envelope in flight, its {@link PooledLoop} over
 * the queue; with {@code maxinflight} above 1, its {@link PooledLanes}. They run when woken (an event queued, a replay
 * asked for, its close) or when the wait they asked for is over, on whichever of the pool's threads is free, and hold
 * none between turns. It gets the endpoint's parts, never the endpoint.
 */
final class PooledWorker implements Worker {

    private final WorkerEnd end;
    // what each of the Worker's wakes does, for one loop or for lanes
    private final Runnable arrived;
    private final Runnable asked;
    private final Runnable wake;

    /** Starts the endpoint's turns: the first looks at once for what its queue holds. */
    PooledWorker(EndpointState state, DeadLetterDesk deadLetters, EnvelopeFormat format, NotificationQueue queue,
            Sink transport, DeliveryPool pool) {
        this.end = new WorkerEnd(state, queue, transport, deadLetters);
        if (state.config().queue().maxInFlight() > 1) {
            PooledLanes lanes = new PooledLanes(state, deadLetters, format, queue, transport, pool, end::ended);
            this.arrived = lanes::arrived;
            this.asked = lanes::asked;
            this.wake = lanes::wake;
        } else {
            SendingParts parts = SendingParts.of(state, deadLetters, format, transport);
            PooledLoop loop = new PooledLoop(state, deadLetters, parts.builder(), parts.sender(),
                    new CountingSource(queue, state), batch -> queue.acknowledge(batch.consumed()), () -> true,
                    () -> state.isDraining() && queue.pending() == 0, end::ended);
            Turns turns = new Turns(pool, loop::turn);
            this.arrived = turns::arrived;
            this.asked = turns::arrived;
            this.wake = turns::wake;
            turns.wake();
        }
    }

    @Override
    public void arrived() {
        arrived.run();
    }

    @Override
    public void asked() {
        asked.run();
    }

    @Override
    public void beginClose() {
        end.beginClose();
        wake.run();
    }

    @Override
    public void awaitDrained(long deadlineNanos) {
        end.await(deadlineNanos);
    }

    @Override
    public void abandon() {
        end.abandon(wake);
    }

    @Override
    public long finishClose(long deadlineNanos) {
        return end.finish(deadlineNanos, "its delivery");
    }
}
