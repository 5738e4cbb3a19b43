package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.Format;
import dev.regnotify.delivery.http.HttpSink;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.testing.LibraryThreads;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * The watchdog of attempts' deadlines, for endpoints and sinks made by plain Java: its thread comes from the
 * endpoints' thread factory, is shared by the endpoints made with it, and ends when the last of them is closed.
 */
class WatchdogLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Envelope ENVELOPE = new Envelope("{\"events\":[]}".getBytes(StandardCharsets.UTF_8),
            "application/json", 1, Map.of());

    /** A thread factory that keeps the threads it made. */
    private static final class RecordingThreads implements ThreadFactory {
        final List<Thread> made = new CopyOnWriteArrayList<>();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = Executors.defaultThreadFactory().newThread(task);
            made.add(thread);
            return thread;
        }

        List<Thread> named(String name) {
            return made.stream().filter(t -> t.getName().equals(name)).toList();
        }
    }

    private static Endpoint start(String name, URI url, ThreadFactory threads) {
        return Endpoint.start(EndpointConfig.of(name, url), new DistributionFormat(Format.V1,
                new NotificationFactory(null, false)), new InMemoryQueue(100), threads);
    }

    @Test
    void endpointsShareOneWatchdogFromTheirThreadFactoryUntilTheLastOfThemIsClosed() {
        RecordingThreads threads = new RecordingThreads();
        try (Receiver receiver = Receiver.start()) {
            Endpoint first = start("first", receiver.url(), threads);
            Endpoint second = start("second", receiver.url(), threads);
            boolean firstClosed = false;
            try {
                first.offer(Notifications.numbered(0));
                second.offer(Notifications.numbered(1));
                receiver.awaitAccepted(2, WAIT);
                List<Thread> watchdogs = threads.named("regnotify-deadlines");
                assertEquals(1, watchdogs.size(), "one watchdog, from the endpoints' factory: " + threads.made);
                first.close(Duration.ZERO);
                firstClosed = true;
                assertTrue(watchdogs.get(0).isAlive(), "the second endpoint still uses the watchdog");
            } finally {
                if (!firstClosed) {
                    first.close(Duration.ZERO);
                }
                second.close(Duration.ZERO);
            }
            Thread watchdog = threads.named("regnotify-deadlines").get(0);
            assertTimeoutPreemptively(WAIT, () -> watchdog.join(), "the watchdog ends with its last endpoint");
            Polling.await("every thread the factory made ends", WAIT,
                    () -> threads.made.stream().noneMatch(Thread::isAlive));
        }
    }

    @Test
    void aSinkMadeAloneLeavesNoWatchdogOnceClosed() throws Exception {
        Set<Thread> before = LibraryThreads.alive();
        try (Receiver receiver = Receiver.start()) {
            HttpSink sink = new HttpSink(receiver.url(), Map.of(), Duration.ofSeconds(5),
                    new EndpointCounters("alone", receiver.url()));
            try {
                sink.send(ENVELOPE);
            } finally {
                sink.close();
            }
            assertEquals(1, receiver.attempts());
        }
        LibraryThreads.awaitEnded(before, WAIT);
    }

    /** Once its last sink is closed the shared watchdog stops; the next sink's attempts have a deadline again. */
    @Test
    void aWatchdogStoppedWithItsLastSinkStartsAgainForTheNextOne() throws Exception {
        try (Trickler trickler = new Trickler()) {
            for (int round = 0; round < 2; round++) {
                HttpSink sink = new HttpSink(trickler.url(), Map.of(), Duration.ofMillis(300),
                        new EndpointCounters("trickled", trickler.url()));
                try {
                    // the receiver sends a byte every 100 ms: no read waits long, only the deadline ends the attempt
                    DeliveryException late = assertTimeoutPreemptively(Duration.ofSeconds(5),
                            () -> assertThrows(DeliveryException.class, () -> sink.send(ENVELOPE)));
                    assertTrue(late.getMessage().contains("within 300 ms"), late.getMessage());
                } finally {
                    sink.close();
                }
            }
        }
    }

    /** A receiver that answers 200 with a long body it sends one byte at a time, every 100 ms. */
    private static final class Trickler implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService handlers = Executors.newCachedThreadPool();
        private final CountDownLatch closed = new CountDownLatch(1);

        Trickler() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
            server.setExecutor(handlers);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, 1000);
                try (OutputStream body = exchange.getResponseBody()) {
                    // pacing the trickle, not waiting for a result: the latch ends it when the test is done
                    for (int i = 0; i < 1000 && !closed.await(100, TimeUnit.MILLISECONDS); i++) {
                        body.write('x');
                        body.flush();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    // the client gave up: what the test expects
                }
            });
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
        }

        @Override
        public void close() {
            closed.countDown();
            server.stop(0);
            handlers.shutdownNow();
        }
    }
}
