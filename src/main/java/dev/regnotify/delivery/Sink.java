package dev.regnotify.delivery;

/**
 * Where envelopes go, one at a time, from the thread of one endpoint. Sinks compose (distribution's shape): a
 * retrying sink wraps an HTTP sink; a signing sink would wrap either.
 *
 * @since 0.1
 */
public interface Sink extends AutoCloseable {

    /**
     * @param envelope what to deliver
     * @throws DeliveryException if it was not accepted
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    void send(Envelope envelope) throws DeliveryException, InterruptedException;

    /**
     * Sends as {@link #send(Envelope)}, and tells {@code seen} what the receiver answered (or why it did not), before
     * returning or throwing. A sink that cannot say tells nothing; the caller then has the exception's account.
     *
     * @param envelope what to deliver
     * @param seen told the answer of this attempt, on this thread
     * @throws DeliveryException if it was not accepted
     * @throws InterruptedException if the thread was interrupted while waiting
     * @since 0.3
     */
    default void send(Envelope envelope, AttemptListener seen) throws DeliveryException, InterruptedException {
        send(envelope);
    }

    /**
     * Cancels the attempt in flight, from another thread, so that {@link #send} fails at once (at shutdown, past the
     * drain deadline). Blocking I/O does not answer to an interrupt: a sink that does it must be told.
     */
    default void abort() {
    }

    /** Releases connections and threads. */
    @Override
    void close();
}
