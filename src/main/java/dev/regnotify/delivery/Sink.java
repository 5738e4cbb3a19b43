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
     * Cancels the attempt in flight, from another thread, so that {@link #send} fails at once (at shutdown, past the
     * drain deadline). Blocking I/O does not answer to an interrupt: a sink that does it must be told.
     */
    default void abort() {
    }

    /** Releases connections and threads. */
    @Override
    void close();
}
