package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.FilterConfig;
import dev.regnotify.config.Glob;
import dev.regnotify.delivery.http.Deadlines;
import dev.regnotify.delivery.http.HttpTransport;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.LibraryThreads;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.PathReceiver;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * Many endpoints on a few shared threads, each with a filter that matches one repository: every event delivered, in
 * order per endpoint; a receiver that hangs holds one thread and no other endpoint; a wait holds no thread.
 */
class PooledDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ThreadFactory DAEMONS = task -> {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    };

    private final List<Endpoint> endpoints = new ArrayList<>();
    private final Set<Thread> before = LibraryThreads.alive();
    private final Deadlines deadlines = new Deadlines(DAEMONS);
    private DeliveryPool pool;

    @AfterEach
    void close() {
        endpoints.forEach(endpoint -> endpoint.close(Duration.ZERO));
        if (pool != null) {
            pool.close();
        }
        deadlines.close();
    }

    static RepositoryName repository(int n) {
        return RepositoryName.of("team/r" + n);
    }

    /** The n-th endpoint: it wants the n-th repository's events only. */
    private Endpoint endpoint(int n, URI url, EndpointConfig base) {
        FilterConfig filter = new FilterConfig(List.of(Glob.repository(repository(n).value())), List.of(), Set.of(),
                Set.of(), Set.of());
        EndpointConfig config = base.toBuilder().filter(filter).build();
        EndpointCounters counters = new EndpointCounters(config.name(), config.url());
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(), new NotificationFactory(
                null, false)), new InMemoryQueue(10_000), pool, counters, HttpTransport.of(config, counters,
                        deadlines), null, null, DeliveryListener.NONE);
        endpoints.add(endpoint);
        return endpoint;
    }

    private static EndpointConfig config(int n, URI url) {
        return EndpointConfig.of("endpoint-" + n, url).withRetry(Duration.ofSeconds(30), 3, Duration.ofMillis(10))
                .withBatch(new BatchConfig(10, 1 << 20));
    }

    private static long deliveryThreads() {
        return LibraryThreads.startedSince(Set.of()).stream()
                .filter(name -> name.startsWith("regnotify-delivery-pool-")).count();
    }

    @Test
    void twoHundredEndpointsOnEightThreadsDeliverEveryEventInOrder() {
        int count = 200;
        int perEndpoint = 25;
        pool = new DeliveryPool(8, DAEMONS);
        try (PathReceiver receiver = PathReceiver.start(16)) {
            for (int n = 0; n < count; n++) {
                endpoint(n, receiver.url(n), config(n, receiver.url(n)));
            }
            Broadcaster broadcaster = new Broadcaster(endpoints);
            AtomicInteger mostThreads = new AtomicInteger();
            int id = 0;
            for (int round = 0; round < perEndpoint; round++) {
                for (int n = 0; n < count; n++) {
                    broadcaster.write(Notifications.pushedTo(id++, repository(n)));
                }
                mostThreads.accumulateAndGet((int) deliveryThreads(), Math::max);
            }
            Polling.await("every event delivered", WAIT, () -> {
                mostThreads.accumulateAndGet((int) deliveryThreads(), Math::max);
                return receiver.events() >= (long) count * perEndpoint;
            });
            for (int n = 0; n < count; n++) {
                assertEquals(perEndpoint, receiver.events(n), "endpoint-" + n);
            }
            assertEquals(0, receiver.outOfOrder());
            assertTrue(pool.largestThreads() <= 8, () -> pool.largestThreads() + " threads");
            assertTrue(mostThreads.get() <= 8, () -> mostThreads.get() + " delivery threads alive at once");
        }
    }

    @Test
    void aReceiverThatHangsHoldsBackNoOtherEndpoint() {
        pool = new DeliveryPool(2, DAEMONS);
        try (PathReceiver receiver = PathReceiver.start(8).hang(0)) {
            for (int n = 0; n < 20; n++) {
                endpoint(n, receiver.url(n), config(n, receiver.url(n)));
            }
            Broadcaster broadcaster = new Broadcaster(endpoints);
            for (int i = 0; i < 20 * 10; i++) {
                broadcaster.write(Notifications.pushedTo(i, repository(i % 20)));
            }
            Polling.await("every endpoint but the hanging one delivered", WAIT, () -> receiver.events() == 19 * 10);
            assertEquals(0, receiver.events(0));
            receiver.release();
            Polling.await("the hanging one delivered once released", WAIT, () -> receiver.events(0) == 10);
            assertEquals(0, receiver.outOfOrder());
        }
    }

    @Test
    void anEndpointWaitingOutItsBackoffHoldsNoThread() {
        pool = new DeliveryPool(1, DAEMONS);
        URI down = URI.create("http://127.0.0.1:" + PathReceiverPorts.unused() + "/down");
        try (PathReceiver receiver = PathReceiver.start(4)) {
            // the first failure waits an hour (threshold 1): on a pool of one thread, the other endpoint must still
            // deliver
            Endpoint waiting = endpoint(0, down, EndpointConfig.of("endpoint-0", down).withRetry(Duration.ofSeconds(5),
                    1, Duration.ofHours(1)));
            endpoint(1, receiver.url(1), config(1, receiver.url(1)));
            Broadcaster broadcaster = new Broadcaster(endpoints);
            broadcaster.write(Notifications.pushedTo(0, repository(0)));
            Polling.await("the first endpoint failed once", WAIT, () -> waiting.metrics().getFailures()
                    + waiting.metrics().getErrors() >= 1);
            for (int i = 1; i <= 100; i++) {
                broadcaster.write(Notifications.pushedTo(i, repository(1)));
            }
            Polling.await("the other endpoint delivered on the only thread", WAIT, () -> receiver.events(1) == 100);
            assertEquals(0, receiver.outOfOrder());
            assertEquals(1, waiting.metrics().getFailures() + waiting.metrics().getErrors(), "no attempt before the "
                    + "backoff is over");
        }
    }

    @Test
    void closingDuringABackoffEndsAtOnceAndLeavesNoThread() {
        pool = new DeliveryPool(2, DAEMONS);
        URI down = URI.create("http://127.0.0.1:" + PathReceiverPorts.unused() + "/down");
        Endpoint waiting = endpoint(0, down, EndpointConfig.of("endpoint-0", down).withRetry(Duration.ofSeconds(5),
                1, Duration.ofHours(1)));
        waiting.offer(Notifications.pushedTo(0, repository(0)));
        waiting.offer(Notifications.pushedTo(1, repository(0)));
        Polling.await("it failed once, and waits an hour", WAIT, () -> waiting.metrics().getFailures()
                + waiting.metrics().getErrors() >= 1);
        long began = System.nanoTime();
        endpoints.remove(waiting);
        assertEquals(2, waiting.close(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - began < Duration.ofSeconds(2).toNanos(), "closed within its drain and grace");
        pool.close();
        pool = null;
        deadlines.close();
        LibraryThreads.awaitEnded(before, WAIT);
    }

    @Test
    void aHangingReceiverRetriedAtOnceHoldsTheOnlyThreadOneTimeoutAtATime() {
        pool = new DeliveryPool(1, DAEMONS);
        try (Receiver hanging = Receiver.start().answering(attempt -> Receiver.Answer.hang());
                Receiver healthy = Receiver.start()) {
            // its first 30 failures are retried at once: 30 timeouts of 200 ms, were they made in one turn
            Endpoint stuck = endpoint(0, hanging.url(), EndpointConfig.of("endpoint-0", hanging.url())
                    .withRetry(Duration.ofMillis(200), 30, Duration.ofHours(1)));
            endpoint(1, healthy.url(), config(1, healthy.url()));
            Broadcaster broadcaster = new Broadcaster(endpoints);
            broadcaster.write(Notifications.pushedTo(0, repository(0)));
            Polling.await("the hanging receiver has the first attempt", WAIT, () -> hanging.attempts() >= 1);
            broadcaster.write(Notifications.pushedTo(1, repository(1)));
            // as delivery.md says: a receiver that hangs holds back the others for its timeout, not 30 of them
            Polling.await("the other endpoint delivered on the only thread", Duration.ofSeconds(3),
                    () -> healthy.acceptedIds().size() == 1);
            assertTrue(stuck.metrics().getErrors() < 30, "it still retries");
            hanging.release();
        }
    }

    /** A port nothing listens on. */
    private static final class PathReceiverPorts {
        static int unused() {
            return dev.regnotify.testing.Receiver.freePort();
        }
    }
}
