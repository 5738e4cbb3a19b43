package dev.regnotify.messaging;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;

/**
 * Closes a forwarder's connections without keeping its caller waiting for a broker that went silent. A client's close
 * asks the broker and waits for its answer, behind any call in flight: Artemis's waits out its call timeout (30 s),
 * which is when a forwarder most needs to be stopped or to try again. So a close runs on a thread of its own (from the
 * forwarder's {@link ThreadFactory}: the container's, on a Jakarta EE server), and where the caller must not be left
 * with a connection still in use, the connection is severed ({@link Broker#sever}: Artemis's client) so that what waits
 * on it fails at once.
 */
final class ConnectionCloser {

    /** How long a close may wait for the broker's answer before the connection is severed: a broker takes ms. */
    static final Duration PATIENCE = Duration.ofSeconds(1);

    private final Broker broker;
    private final String endpoint;
    private final ThreadFactory threads;

    ConnectionCloser(Broker broker, String endpoint, ThreadFactory threads) {
        this.broker = broker;
        this.endpoint = endpoint;
        this.threads = threads;
    }

    /** Closes a connection that failed an attempt, apart: the attempt's failure is told at once. */
    void closeApart(Connection open) {
        if (open != null) {
            start(open);
        }
    }

    /**
     * Ends a connection that another thread may be waiting on (an attempt in flight, cancelled): severed, so that the
     * wait fails now, then closed apart. With a server's factory, which cannot be severed, the wait ends when the close
     * or an interrupt ends it.
     */
    void abandon(Connection open) {
        if (open != null) {
            broker.sever(open);
            start(open);
        }
    }

    /**
     * Closes a connection, waiting for the broker's answer for {@link #PATIENCE} at most; past it, the connection is
     * severed, which ends the close too. With a server's factory, the close then goes on apart.
     */
    void close(Connection open) {
        if (open == null) {
            return;
        }
        CountDownLatch closed = start(open);
        try {
            if (!closed.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                broker.sever(open);
            }
        } catch (InterruptedException e) {
            broker.sever(open);
            Thread.currentThread().interrupt();
        }
    }

    /** @return counted down once the connection is closed */
    private CountDownLatch start(Connection open) {
        CountDownLatch closed = new CountDownLatch(1);
        Thread closing = threads.newThread(() -> {
            broker.close(open, endpoint);
            closed.countDown();
        });
        if (closing == null) {
            broker.close(open, endpoint); // a factory that makes no thread: the caller waits for the close
            closed.countDown();
        } else {
            closing.setName("regnotify-close-" + endpoint);
            closing.start();
        }
        return closed;
    }
}
