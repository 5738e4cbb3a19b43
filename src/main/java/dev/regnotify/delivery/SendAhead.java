package dev.regnotify.delivery;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * A second thread of an endpoint with batches and one envelope in flight: it sends the current envelope while the
 * endpoint's thread polls and encodes the next, where the two would otherwise take turns. Polling and acknowledging
 * stay on the endpoint's thread, and one envelope is in flight, as always.
 */
final class SendAhead implements AutoCloseable {

    /** What the second thread does: send one envelope until it is settled. */
    interface Sending {
        void send() throws DeliveryAbandonedException, InterruptedException;
    }

    /** What the endpoint's thread does meanwhile. */
    interface Preparing<T> {
        T prepare() throws InterruptedException;
    }

    private final ExecutorService sending;

    /** @param thread makes the second thread, named for what it does */
    SendAhead(ThreadFactory thread) {
        this.sending = Executors.newSingleThreadExecutor(thread);
    }

    /**
     * Sends on the second thread while preparing on this one.
     *
     * @return what was prepared, once the envelope is settled too
     * @throws DeliveryAbandonedException if the sending was given up on (what was prepared is then dropped: it was
     *         not acknowledged, so it stays pending)
     */
    <T> T overlap(Sending send, Preparing<T> meanwhile) throws DeliveryAbandonedException, InterruptedException {
        Future<?> sent = sending.submit(() -> {
            send.send();
            return null;
        });
        try {
            return meanwhile.prepare();
        } finally {
            await(sent);
        }
    }

    private static void await(Future<?> sent) throws DeliveryAbandonedException, InterruptedException {
        try {
            sent.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DeliveryAbandonedException abandoned) {
                throw abandoned;
            }
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (cause instanceof RuntimeException failure) {
                throw failure;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        sending.shutdownNow();
    }
}
