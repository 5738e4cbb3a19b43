package dev.regnotify.delivery;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads a response body to a small bound and discards the rest while still consuming it, so that the connection
 * stays reusable and a receiver cannot make us buffer megabytes of error page; and gives up on a body that is not
 * complete by the attempt's deadline, cancelling it (the JDK client's request timeout stops at the headers).
 *
 * <p>Deadlines are kept by one watchdog thread for the whole library, which looks at the bodies in flight every
 * {@value #WATCH_MILLIS} ms: a timer task per request would wake its thread at every request (each new task is the
 * earliest), a thread switch per attempt that cost a tenth of the one-event-per-POST throughput.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {

    static final int LIMIT = 4096;

    static final long WATCH_MILLIS = 25;
    private static final Set<BoundedBody> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Thread watchdog = new Thread(BoundedBody::watch, "regnotify-http-deadlines");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private final byte[] kept = new byte[LIMIT];
    private final CompletableFuture<String> text = new CompletableFuture<>();
    private final long deadlineNanos;
    private int size;
    private volatile Flow.Subscription subscription;

    private BoundedBody(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** @param deadlineNanos {@code System.nanoTime()} by which the whole body must have arrived */
    static HttpResponse.BodyHandler<String> handler(long deadlineNanos) {
        return info -> new BoundedBody(deadlineNanos);
    }

    /** A body that did not arrive whole by the attempt's deadline. */
    static final class LateException extends IOException {
        private static final long serialVersionUID = 1L;

        LateException() {
            super("the response body was not complete by the deadline");
        }
    }

    @Override
    public CompletionStage<String> getBody() {
        return text;
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        subscription = given;
        IN_FLIGHT.add(this);
        given.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), LIMIT - size);
            buffer.get(kept, size, take);
            size += take;
            buffer.position(buffer.limit()); // the rest is read and discarded
        }
    }

    @Override
    public void onError(Throwable failure) {
        IN_FLIGHT.remove(this);
        text.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        IN_FLIGHT.remove(this);
        text.complete(new String(kept, 0, size, StandardCharsets.UTF_8));
    }

    private void expire() {
        IN_FLIGHT.remove(this);
        if (text.completeExceptionally(new LateException())) {
            subscription.cancel(); // the client closes the connection: it is not reused mid-body
        }
    }

    private static void watch() {
        while (true) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS));
            long now = System.nanoTime();
            for (BoundedBody body : IN_FLIGHT) {
                if (now - body.deadlineNanos >= 0) {
                    body.expire();
                }
            }
        }
    }
}
