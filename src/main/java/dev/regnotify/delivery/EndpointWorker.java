package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.delivery.retry.RetrySchedule;
import dev.regnotify.wire.EnvelopeFormat;

/**
 * The thread of one endpoint, from its start to its close: it runs the {@link DeliveryLoop} over the queue, or with
 * {@code maxinflight} above 1 dispatches to {@link Lanes} that each run one; it is told to drain, then to give up,
 * and waited for. It gets the endpoint's parts, never the endpoint.
 */
final class EndpointWorker {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private final EndpointState state;
    private final NotificationQueue queue;
    private final Sink transport;
    private final DeadLetterDesk deadLetters;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread thread;

    /** Starts the endpoint's thread. */
    EndpointWorker(EndpointState state, DeadLetterDesk deadLetters, EnvelopeFormat format, NotificationQueue queue,
            Sink transport, ThreadFactory threads) {
        this.state = state;
        this.queue = queue;
        this.transport = transport;
        this.deadLetters = deadLetters;
        Runnable work = state.config().queue().maxInFlight() > 1 ? lanes(deadLetters, format, threads)
                : loop(deadLetters, format, threads);
        this.thread = state.newThread(threads, "", () -> {
            try {
                work.run();
            } finally {
                finished.countDown();
            }
        });
        thread.start();
    }

    /** @return the work of the endpoint's thread with lanes: dispatching to them */
    private Runnable lanes(DeadLetterDesk deadLetters, EnvelopeFormat format, ThreadFactory threads) {
        return () -> {
            try {
                new Lanes(state, deadLetters, format, queue, transport, threads).run();
            } catch (DeliveryAbandonedException e) {
                LOG.log(Level.DEBUG, "RN-308 endpoint {0}: {1}", state.name(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** @return the work of the endpoint's thread with one envelope in flight: the delivery loop over the queue */
    private Runnable loop(DeadLetterDesk deadLetters, EnvelopeFormat format, ThreadFactory threads) {
        EndpointConfig config = state.config();
        EnvelopeBuilder builder = new EnvelopeBuilder(format, config.envelope().batch(), config.name(),
                () -> state.counters().skipped(1));
        RetryingSender sender = new RetryingSender(state, deadLetters, builder, transport,
                RetrySchedule.of(config, System::nanoTime));
        return () -> {
            SendAhead sendAhead = config.envelope().batch().maxEvents() > 1 && format.batches()
                    ? new SendAhead(task -> state.newThread(threads, "-send", task)) : null;
            new DeliveryLoop(state, deadLetters, builder, sender, new CountingSource(queue, state),
                    batch -> queue.acknowledge(batch.consumed()), () -> true,
                    () -> state.isDraining() && queue.pending() == 0, sendAhead).run();
        };
    }

    /**
     * Closes this endpoint alone.
     *
     * @param drain how long to wait for the queue to drain
     * @return how many events were left undelivered
     */
    long close(Duration drain) {
        beginClose();
        awaitDrained(System.nanoTime() + drain.toNanos());
        abandon();
        return finishClose(System.nanoTime() + EndpointState.STOP_GRACE.toNanos());
    }

    /** Stops taking notifications; the thread goes on until the queue is empty. */
    void beginClose() {
        state.beginDraining();
        queue.close();
    }

    /** Waits until the queue is drained, or the deadline. */
    void awaitDrained(long deadlineNanos) {
        try {
            finished.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Makes the thread give up at once: no further attempt, and the one in flight is cancelled. */
    void abandon() {
        if (finished.getCount() > 0) {
            state.stop().abandon();
            transport.abort();
            thread.interrupt();
        }
    }

    /**
     * Waits for the thread to end, until the deadline, and frees the transport and the dead letters' files.
     *
     * @param deadlineNanos {@code System.nanoTime()} by which to stop waiting
     * @return how many events were left undelivered
     */
    long finishClose(long deadlineNanos) {
        awaitDrained(deadlineNanos);
        if (finished.getCount() > 0) {
            LOG.log(Level.WARNING, "RN-308 endpoint {0}: its thread did not stop within {1} ms of being abandoned",
                    state.name(), Long.toString(EndpointState.STOP_GRACE.toMillis()));
        }
        state.timeReplays().close();
        transport.close();
        deadLetters.store().close();
        state.attempts().close();
        return queue.pending();
    }
}
