package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.Format;
import dev.regnotify.delivery.retry.DistributionSchedule;
import dev.regnotify.delivery.retry.ExponentialSchedule;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * Code written against 0.2's names in this package still compiles and works in 0.3 (docs/migration.md): each name a
 * forwarder keeps is used here as 0.2's callers used it.
 */
@SuppressWarnings("removal")
class DeprecatedNamesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** An application's own dead letters' files, written against 0.2's interface. */
    private static final class OwnFiles implements DeadLetterFiles {
        final List<DeadLetter> saved = new ArrayList<>();

        @Override
        public List<DeadLetter> load() {
            return List.of();
        }

        @Override
        public void save(DeadLetter letter) throws IOException {
            saved.add(letter);
        }

        @Override
        public void delete(long id) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anEndpointMadeWithThe02NamesDeliversAndKeepsItsLettersInTheApplicationsFiles() throws Exception {
        try (Receiver receiver = Receiver.start();
                Deadlines deadlines = new Deadlines(Executors.defaultThreadFactory())) {
            EndpointConfig config = EndpointConfig.of("old-names", receiver.url());
            OwnFiles files = new OwnFiles();
            Endpoint endpoint = Endpoint.start(config, new DistributionFormat(Format.V2, new NotificationFactory(null,
                    false)), new InMemoryQueue(100), Executors.defaultThreadFactory(), deadlines, files,
                    DeliveryListener.NONE);
            try {
                endpoint.offer(Notifications.numbered(1));
                receiver.awaitAccepted(1, WAIT);
                Polling.await("acknowledged", WAIT, () -> endpoint.metrics().getPending() == 0);
                StringBuilder text = new StringBuilder();
                PrometheusText.write(List.of(endpoint.metrics()), -1, text);
                assertTrue(text.toString().contains("old-names"), text::toString);
            } finally {
                endpoint.close(Duration.ZERO);
            }
            DeadLetterStore store = new DeadLetterStore("old-names", 10, files);
            store.add(new DeadLetter(0, "old-names", List.of(Notifications.numbered(2)), 1, Instant.EPOCH,
                    Instant.EPOCH, "gone"));
            assertEquals(1, files.saved.size(), "the application's files keep the letter");
        }
    }

    @Test
    void theRetrySchedulesAndTheSinkUnderTheir02Names() throws Exception {
        long[] now = {0};
        assertTrue(RetrySchedule.of(EndpointConfig.of("a", URI.create("http://127.0.0.1:9/")), () -> now[0])
                instanceof DistributionSchedule, "the 0.2 name's factory: distribution's rule by default");
        DistributionSchedule policy = new RetryPolicy(1, Duration.ofSeconds(1), () -> now[0]);
        policy.failed(null);
        policy.failed(null);
        assertEquals(Duration.ofSeconds(1), policy.delay(), "distribution's rule: past the threshold, the backoff");
        ExponentialSchedule exponential = new ExponentialBackoff(Duration.ofMillis(10),
                Duration.ofSeconds(1), () -> now[0], () -> 0.5);
        exponential.failed(null);
        assertTrue(exponential.delay().compareTo(Duration.ZERO) > 0);
        try (Receiver receiver = Receiver.start()) {
            HttpSink sink = new HttpSink(receiver.url(), Map.of(), Duration.ofSeconds(5), AttemptListener.NONE);
            try {
                sink.send(new Envelope("{\"events\":[]}".getBytes(StandardCharsets.UTF_8),
                        "application/json", 1, Map.of()));
            } finally {
                sink.close();
            }
            assertEquals(1, receiver.attempts());
        }
    }
}
