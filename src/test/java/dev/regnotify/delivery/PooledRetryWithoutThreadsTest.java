package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.http.Deadlines;
import dev.regnotify.delivery.http.HttpTransport;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * A pooled endpoint waiting for its retry while the pool's factory can make no thread. The wait was asked for by a
 * turn, which ran on a thread of the pool, and a pool keeps its threads until it is closed: the timer always has that
 * thread to fire on, so the retry comes at its time, without a new event, whatever the factory does meanwhile. A pool
 * with no thread at all has never run a turn, so none of its endpoints can be waiting for a time (a turn queued then
 * runs at a later wake: {@code PooledTurnsTest.aFirstThreadThePoolCannotMakeIsMadeAtALaterWake}).
 */
class PooledRetryWithoutThreadsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    // longer than a pooled endpoint's idle turn (1 s): only the retry's own timer can bring the retry
    private static final Duration RETRY_DELAY = Duration.ofMillis(1_500);
    private static final ThreadFactory DAEMONS = task -> {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    };

    /** Makes the pool's first thread, then refuses as a machine out of threads does, until told it may again. */
    private static final class RefusingAfterOne implements ThreadFactory {
        final AtomicInteger asked = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicBoolean refusing = new AtomicBoolean(true);

        @Override
        public Thread newThread(Runnable task) {
            if (asked.incrementAndGet() > 1 && refusing.get()) {
                refused.incrementAndGet();
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
            }
            return DAEMONS.newThread(task);
        }
    }

    private final Receiver receiver = Receiver.start().answering(n -> n == 1 ? Answer.status(500)
            : Answer.status(200));
    private final Deadlines deadlines = new Deadlines(DAEMONS);
    private final RefusingAfterOne factory = new RefusingAfterOne();
    private final DeliveryPool pool = new DeliveryPool(2, factory);
    private Endpoint endpoint;

    @AfterEach
    void close() {
        if (endpoint != null) {
            endpoint.close(Duration.ZERO);
        }
        pool.close();
        deadlines.close();
        receiver.close();
    }

    @Test
    void aRetryDueWhileThePoolCanMakeNoThreadComesAtItsTimeWithoutANewEvent() {
        // distribution's rule, threshold 1: the retry is due one backoff after the failure, no jitter
        EndpointConfig config = EndpointConfig.of("hook", receiver.url()).withRetry(Duration.ofSeconds(5), 1,
                RETRY_DELAY);
        EndpointCounters counters = new EndpointCounters(config.name(), config.url());
        endpoint = Endpoint.start(config, new DistributionFormat(config.format(), new NotificationFactory(null,
                false)), new InMemoryQueue(100), pool, counters, HttpTransport.of(config, counters, deadlines), null,
                null, DeliveryListener.NONE);

        endpoint.offer(Notifications.numbered(0));
        receiver.awaitAccepted(1, WAIT);

        List<Receiver.Request> requests = receiver.requests();
        assertEquals(List.of(500, 200), requests.stream().map(Receiver.Request::status).toList());
        long gap = requests.get(1).arrived() - requests.get(0).arrived();
        assertTrue(gap >= RETRY_DELAY.toNanos(), () -> "the retry waited its delay: " + gap / 1_000_000 + " ms");
        assertTrue(factory.refused.get() >= 1, "the pool asked for a thread it could not have");
        assertEquals(1, pool.largestThreads(), "the retry ran while the pool had its one thread");

        // the factory makes threads again: the pool gets its second at the next turn it schedules
        factory.refusing.set(false);
        endpoint.offer(Notifications.numbered(1));
        receiver.awaitAccepted(2, WAIT);
        Polling.await("the pool's second thread", WAIT, () -> pool.largestThreads() == 2);
    }
}
