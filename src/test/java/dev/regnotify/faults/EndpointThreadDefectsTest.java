package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.DeliveryPool;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.Envelope;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.delivery.Sink;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * An error thrown on an endpoint's thread that leaves the JVM usable (running out of memory for one huge answer, a
 * failed assertion in a transport of one's own) is a defect the thread gets past: it says so and delivers on.
 */
class EndpointThreadDefectsTest {

    /** A transport that throws once, then takes every envelope. */
    private static final class ThrowingOnce implements Sink {
        final List<Envelope> taken = new CopyOnWriteArrayList<>();
        private final AtomicInteger calls = new AtomicInteger();
        private final Supplier<Throwable> failure;

        ThrowingOnce(Supplier<Throwable> failure) {
            this.failure = failure;
        }

        @Override
        public void send(Envelope envelope) {
            if (calls.getAndIncrement() == 0) {
                Throwable thrown = failure.get();
                if (thrown instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) thrown;
            }
            taken.add(envelope);
        }

        @Override
        public void close() {
        }
    }

    @ParameterizedTest(name = "maxinflight {0}, pooled {1}")
    @CsvSource({"1, false", "3, false", "1, true", "3, true"})
    void anOutOfMemoryErrorOrAFailedAssertionInAnAttemptNeitherKillsTheThreadNorLosesTheEvent(int maxInFlight,
            boolean pooled) {
        for (Supplier<Throwable> failure : List.<Supplier<Throwable>>of(() -> new OutOfMemoryError("Java heap space"),
                () -> new AssertionError("a transport's own check"), () -> new StackOverflowError())) {
            EndpointConfig config = EndpointConfig.of("hook", URI.create("http://127.0.0.1:9/"))
                    .withRetry(Duration.ofSeconds(1), 3, Duration.ofMillis(10)).withMaxInFlight(maxInFlight);
            ThrowingOnce transport = new ThrowingOnce(failure);
            InMemoryQueue queue = new InMemoryQueue(100);
            try (LogCapture log = LogCapture.start()) {
                DistributionFormat format = new DistributionFormat(config.format(), new NotificationFactory(null,
                        false));
                DeliveryPool pool = pooled ? new DeliveryPool(2, Executors.defaultThreadFactory()) : null;
                Endpoint endpoint = pooled ? Endpoint.start(config, format, queue, pool, new EndpointCounters("hook",
                        config.url()), transport, null, null, DeliveryListener.NONE)
                        : Endpoint.start(config, format, queue, Executors.defaultThreadFactory(),
                                new EndpointCounters("hook", config.url()), transport, null, DeliveryListener.NONE);
                try {
                    endpoint.offer(Notifications.numbered(0));
                    endpoint.offer(Notifications.numbered(1));
                    Polling.await("both delivered after the error", Duration.ofSeconds(20),
                            () -> transport.taken.stream().mapToInt(Envelope::events).sum() == 2);
                    Polling.await("nothing pending", Duration.ofSeconds(20),
                            () -> endpoint.metrics().getPending() == 0);
                    assertTrue(log.lines().stream().anyMatch(line -> line.contains("RN-309")), log.lines()::toString);
                } finally {
                    endpoint.close(Duration.ofSeconds(5));
                    if (pool != null) {
                        pool.close();
                    }
                }
            }
        }
    }
}
