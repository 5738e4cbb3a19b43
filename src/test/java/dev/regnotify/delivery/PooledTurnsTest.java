package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * An endpoint's turns on a pool, against a transport of the test's own: never two at once however many producers
 * wake it, a defect in a turn said and got past, a close while a turn sends.
 */
class PooledTurnsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ThreadFactory DAEMONS = task -> {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    };

    /** Takes every envelope, and notes whether two were ever sent at once. */
    private static class Recording implements Sink {
        final List<Envelope> taken = new CopyOnWriteArrayList<>();
        final AtomicInteger sending = new AtomicInteger();
        final AtomicBoolean overlapped = new AtomicBoolean();

        @Override
        public void send(Envelope envelope) throws DeliveryException, InterruptedException {
            if (sending.incrementAndGet() > 1) {
                overlapped.set(true);
            }
            try {
                before(envelope);
                taken.add(envelope);
            } finally {
                sending.decrementAndGet();
            }
        }

        void before(Envelope envelope) throws DeliveryException, InterruptedException {
        }

        int events() {
            return taken.stream().mapToInt(Envelope::events).sum();
        }

        @Override
        public void close() {
        }
    }

    private final DeliveryPool pool = new DeliveryPool(8, DAEMONS);
    private final List<Endpoint> endpoints = new ArrayList<>();

    @AfterEach
    void close() {
        endpoints.forEach(endpoint -> endpoint.close(Duration.ZERO));
        pool.close();
    }

    private Endpoint start(EndpointConfig config, Sink transport) {
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(), new NotificationFactory(
                null, false)), new InMemoryQueue(100_000), pool, new EndpointCounters(config.name(), config.url()),
                transport, null, null, DeliveryListener.NONE);
        endpoints.add(endpoint);
        return endpoint;
    }

    private static EndpointConfig config() {
        return EndpointConfig.of("hook", URI.create("http://127.0.0.1:9/")).withRetry(Duration.ofSeconds(1), 3,
                Duration.ofMillis(10)).withBatch(new BatchConfig(7, 1 << 20));
    }

    @Test
    void producersWakingItAtOnceNeverGiveItTwoTurnsAtOnce() throws Exception {
        Recording transport = new Recording();
        Endpoint endpoint = start(config(), transport);
        int producers = 4;
        int each = 5_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int first = p * each;
            Thread producer = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = first; i < first + each; i++) {
                    endpoint.offer(Notifications.numbered(i));
                }
            });
            producer.start();
            threads.add(producer);
        }
        go.countDown();
        for (Thread producer : threads) {
            producer.join();
        }
        Polling.await("every event sent", WAIT, () -> transport.events() == producers * each);
        assertFalse(transport.overlapped.get(), "two envelopes of one endpoint were sent at once");
        Polling.await("nothing pending", WAIT, () -> endpoint.metrics().getPending() == 0);
    }

    @Test
    void aThreadThePoolCannotMakeLosesNoEventAndCountsNoneDropped() {
        AtomicInteger made = new AtomicInteger();
        // the second thread asked for cannot be made, as when the machine runs out of threads
        DeliveryPool failing = new DeliveryPool(2, task -> {
            if (made.incrementAndGet() == 2) {
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
            }
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        });
        Recording first = new Recording();
        Recording second = new Recording();
        EndpointConfig config = config();
        List<Endpoint> started = new ArrayList<>();
        try {
            for (Recording transport : List.of(first, second)) {
                started.add(Endpoint.start(config, new DistributionFormat(config.format(), new NotificationFactory(
                        null, false)), new InMemoryQueue(100), failing, new EndpointCounters(config.name(),
                                config.url()), transport, null, null, DeliveryListener.NONE));
            }
            for (int i = 0; i < 10; i++) {
                for (Endpoint endpoint : started) {
                    endpoint.offer(Notifications.numbered(i));
                }
            }
            Polling.await("every event sent", WAIT, () -> first.events() == 10 && second.events() == 10);
            for (Endpoint endpoint : started) {
                assertEquals(0, endpoint.metrics().getDropped(), "an event counted as dropped was queued");
            }
        } finally {
            started.forEach(endpoint -> endpoint.close(Duration.ZERO));
            failing.close();
        }
    }

    @Test
    void aFirstThreadThePoolCannotMakeIsMadeAtALaterWake() {
        AtomicInteger made = new AtomicInteger();
        // the pool's very first thread cannot be made, as when the machine is out of threads for a moment: no thread
        // is left to run the turn queued then
        DeliveryPool failing = new DeliveryPool(2, task -> {
            if (made.incrementAndGet() == 1) {
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
            }
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        });
        Recording transport = new Recording();
        EndpointConfig config = config();
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(), new NotificationFactory(
                null, false)), new InMemoryQueue(100), failing, new EndpointCounters(config.name(), config.url()),
                transport, null, null, DeliveryListener.NONE);
        try {
            for (int i = 0; i < 10; i++) {
                endpoint.offer(Notifications.numbered(i));
            }
            Polling.await("every event sent", Duration.ofSeconds(10), () -> transport.events() == 10);
        } finally {
            endpoint.close(Duration.ZERO);
            failing.close();
        }
    }

    @Test
    void anErrorTheJvmCannotRecoverFromInATurnIsSaidNotSwallowedByThePool() {
        CountDownLatch thrown = new CountDownLatch(1);
        Recording transport = new Recording() {
            @Override
            void before(Envelope envelope) {
                thrown.countDown();
                throw new InternalError("the virtual machine's own failure");
            }
        };
        try (LogCapture log = LogCapture.start()) {
            Endpoint endpoint = start(config(), transport);
            endpoint.offer(Notifications.numbered(0));
            Polling.await("the error thrown", WAIT, () -> thrown.getCount() == 0);
            // a thread of its own would die of it, and say so; a pool's thread keeps it in a future nobody reads
            Polling.await("the endpoint's end said", Duration.ofSeconds(5),
                    () -> !log.containing("the virtual machine's own failure").isEmpty());
        }
    }

    @Test
    void aDefectInATurnIsSaidAndTheEnvelopeSentAgain() {
        AtomicInteger calls = new AtomicInteger();
        Recording transport = new Recording() {
            @Override
            void before(Envelope envelope) {
                if (calls.getAndIncrement() == 0) {
                    throw new IllegalStateException("a transport's own bug");
                }
            }
        };
        try (LogCapture log = LogCapture.start()) {
            Endpoint endpoint = start(config(), transport);
            endpoint.offer(Notifications.numbered(0));
            endpoint.offer(Notifications.numbered(1));
            Polling.await("both delivered after the defect", WAIT, () -> transport.events() == 2);
            Polling.await("nothing pending", WAIT, () -> endpoint.metrics().getPending() == 0);
            assertEquals(1, log.containing("RN-309").size(), log.lines()::toString);
        }
    }

    @Test
    void closingWhileATurnSendsCancelsItAndReportsTheEnvelope() {
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Recording transport = new Recording() {
            @Override
            void before(Envelope envelope) throws InterruptedException, DeliveryException {
                inFlight.countDown();
                // a send that ends only when the endpoint aborts it, as a cancelled HTTP exchange does
                never.await(1, TimeUnit.MINUTES);
                throw new DeliveryException("cancelled");
            }

            @Override
            public void abort() {
                never.countDown();
            }
        };
        Endpoint endpoint = start(config(), transport);
        endpoint.offer(Notifications.numbered(0));
        Polling.await("a turn sends", WAIT, () -> inFlight.getCount() == 0);
        endpoints.remove(endpoint);
        long began = System.nanoTime();
        assertEquals(1, endpoint.close(Duration.ofMillis(50)));
        assertFalse(System.nanoTime() - began > Duration.ofSeconds(3).toNanos(), "closed within drain and grace");
    }
}
