package dev.regnotify.delivery.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * One attempt's hold on the network, so that another thread can cancel it: the socket being connected, then the
 * connection carrying the exchange. Cancelling closes what is held, which makes the attempt's blocked connect, read
 * or write fail at once; whatever the attempt would take hold of afterwards is closed as it comes.
 */
final class HttpAttempt {

    private Closeable held;
    private boolean cancelled;

    /**
     * @param resource what the attempt now uses, closing which ends it
     * @throws InterruptedIOException when the attempt was cancelled already (the resource is closed)
     */
    void holding(Closeable resource) throws IOException {
        synchronized (this) {
            if (!cancelled) {
                held = resource;
                return;
            }
        }
        resource.close();
        throw new InterruptedIOException("the attempt was cancelled");
    }

    /** Closes what the attempt holds; safe from any thread, more than once. */
    void cancel() {
        Closeable resource;
        synchronized (this) {
            cancelled = true;
            resource = held;
        }
        if (resource != null) {
            try {
                resource.close();
            } catch (IOException e) {
                // closing is all that is asked: the attempt fails on its own thread, where it is reported
            }
        }
    }
}
