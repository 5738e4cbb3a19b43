package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.util.concurrent.ThreadFactory;

import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.wire.EnvelopeFormat;

/**
 * The thread of one endpoint, from its start to its close: it runs the {@link DeliveryLoop} over the queue, or with
 * {@code maxinflight} above 1 dispatches to {@link Lanes} that each run one; it is told to drain, then to give up,
 * and waited for. It gets the endpoint's parts, never the endpoint.
 */
final class EndpointWorker implements Worker {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private final EndpointState state;
    private final NotificationQueue queue;
    private final Sink transport;
    private final WorkerEnd end;
    private final Thread thread;

    /** Starts the endpoint's thread. */
    EndpointWorker(EndpointState state, DeadLetterDesk deadLetters, EnvelopeFormat format, NotificationQueue queue,
            Sink transport, ThreadFactory threads) {
        this.state = state;
        this.queue = queue;
        this.transport = transport;
        this.end = new WorkerEnd(state, queue, transport, deadLetters);
        Runnable work = state.config().queue().maxInFlight() > 1 ? lanes(deadLetters, format, threads)
                : loop(deadLetters, format, threads);
        this.thread = state.newThread(threads, "", () -> {
            try {
                work.run();
            } finally {
                end.ended();
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
        SendingParts parts = SendingParts.of(state, deadLetters, format, transport);
        return () -> {
            SendAhead sendAhead = state.config().envelope().batch().maxEvents() > 1 && format.batches()
                    ? new SendAhead(task -> state.newThread(threads, "-send", task)) : null;
            new DeliveryLoop(state, deadLetters, parts.builder(), parts.sender(), new CountingSource(queue, state),
                    batch -> queue.acknowledge(batch.consumed()), () -> true,
                    () -> state.isDraining() && queue.pending() == 0, sendAhead).run();
        };
    }

    /** Its thread polls the queue, which wakes it. */
    @Override
    public void arrived() {
    }

    @Override
    public void beginClose() {
        end.beginClose();
    }

    @Override
    public void awaitDrained(long deadlineNanos) {
        end.await(deadlineNanos);
    }

    /** Makes the thread give up at once: no further attempt, and the one in flight is cancelled. */
    @Override
    public void abandon() {
        end.abandon(thread::interrupt);
    }

    @Override
    public long finishClose(long deadlineNanos) {
        return end.finish(deadlineNanos, "its thread");
    }
}
