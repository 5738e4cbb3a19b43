package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private final EndpointState state;
    private final NotificationQueue queue;
    private final Sink transport;
    private final DeadLetterDesk deadLetters;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Turns turns;

    /** Starts the endpoint's turns: the first looks at once for what its queue holds. */
    PooledWorker(EndpointState state, DeadLetterDesk deadLetters, EnvelopeFormat format, NotificationQueue queue,
            Sink transport, DeliveryPool pool) {
        this.state = state;
        this.queue = queue;
        this.transport = transport;
        this.deadLetters = deadLetters;
        EndpointConfig config = state.config();
        EnvelopeBuilder builder = new EnvelopeBuilder(format, config.envelope().batch(), config.name(),
                () -> state.counters().skipped(1));
        RetryingSender sender = new RetryingSender(state, deadLetters, builder, transport,
                RetrySchedule.of(config, System::nanoTime));
        PooledLoop loop = new PooledLoop(state, deadLetters, builder, sender, new CountingSource(queue, state),
                batch -> queue.acknowledge(batch.consumed()), () -> state.isDraining() && queue.pending() == 0,
                finished::countDown);
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
        try {
            finished.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void abandon() {
        if (finished.getCount() > 0) {
            state.stop().abandon();
            transport.abort();
            turns.wake();
        }
    }

    @Override
    public long finishClose(long deadlineNanos) {
        awaitDrained(deadlineNanos);
        if (finished.getCount() > 0) {
            LOG.log(Level.WARNING, "RN-308 endpoint {0}: its delivery did not stop within {1} ms of being abandoned",
                    state.name(), Long.toString(EndpointState.STOP_GRACE.toMillis()));
        }
        return Worker.release(state, queue, transport, deadLetters);
    }
}
