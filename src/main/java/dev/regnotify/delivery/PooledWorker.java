package dev.regnotify.delivery;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.delivery.retry.RetrySchedule;
import dev.regnotify.wire.EnvelopeFormat;

/**
 * An endpoint with one envelope in flight delivered by turns on a {@link DeliveryPool}: its {@link PooledLoop} runs
 * when woken (an event queued, a replay asked for, its close) or when the wait it asked for is over, on whichever of
 * the pool's threads is free, and holds none between turns. It gets the endpoint's parts, never the endpoint.
 */
final class PooledWorker implements Worker {

    private final EndpointState state;
    private final NotificationQueue queue;
    private final Sink transport;
    private final WorkerEnd end;
    private final Turns turns;

    /** Starts the endpoint's turns: the first looks at once for what its queue holds. */
    PooledWorker(EndpointState state, DeadLetterDesk deadLetters, EnvelopeFormat format, NotificationQueue queue,
            Sink transport, DeliveryPool pool) {
        this.state = state;
        this.queue = queue;
        this.transport = transport;
        this.end = new WorkerEnd(state, queue, transport, deadLetters);
        EndpointConfig config = state.config();
        EnvelopeBuilder builder = new EnvelopeBuilder(format, config.envelope().batch(), config.name(),
                () -> state.counters().skipped(1));
        RetryingSender sender = new RetryingSender(state, deadLetters, builder, transport,
                RetrySchedule.of(config, System::nanoTime));
        PooledLoop loop = new PooledLoop(state, deadLetters, builder, sender, new CountingSource(queue, state),
                batch -> queue.acknowledge(batch.consumed()), () -> state.isDraining() && queue.pending() == 0,
                end::ended);
        this.turns = new Turns(pool, loop::turn);
        turns.wake();
    }

    @Override
    public void arrived() {
        turns.arrived();
    }

    @Override
    public void beginClose() {
        state.beginDraining();
        queue.close();
        turns.wake();
    }

    @Override
    public void awaitDrained(long deadlineNanos) {
        end.await(deadlineNanos);
    }

    @Override
    public void abandon() {
        if (!end.hasEnded()) {
            state.stop().abandon();
            transport.abort();
            turns.wake();
        }
    }

    @Override
    public long finishClose(long deadlineNanos) {
        return end.finish(deadlineNanos, "its delivery");
    }
}
