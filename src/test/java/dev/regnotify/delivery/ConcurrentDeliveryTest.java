package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.delivery.http.Deadlines;
import dev.regnotify.delivery.http.HttpTransport;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.journal.Journal;
import dev.regnotify.journal.JournalCursor;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.JsonDocs;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * {@code maxinflight} above 1: envelopes in flight at once, events in order per repository, queues kept right; with
 * lanes on threads of their own and by turns on a pool.
 */
@ParameterizedClass(name = "pooled {0}")
@ValueSource(booleans = {false, true})
class ConcurrentDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int REPOSITORIES = 16;

    @TempDir
    Path dir;

    @Parameter
    boolean pooled;

    @RegisterExtension
    final Closer closer = new Closer();
    // kept before the endpoints, so closed after them
    private final Deadlines deadlines = closer.keep(new Deadlines(Executors.defaultThreadFactory()));
    private final DeliveryPool pool = closer.keep(new DeliveryPool(8, Executors.defaultThreadFactory()));

    private Receiver farAway() {
        return closer.keep(Receiver.start().answering(attempt -> Answer.after(Duration.ofMillis(20))));
    }

    private static EndpointConfig config(Receiver receiver) {
        return EndpointConfig.of("far", receiver.url()).withMaxInFlight(4).withBatch(new BatchConfig(5, 1 << 20))
                .withRetry(Duration.ofSeconds(5), 10, Duration.ofMillis(20));
    }

    private Endpoint start(EndpointConfig config, NotificationQueue queue) {
        DistributionFormat format = new DistributionFormat(config.format(), new NotificationFactory(null, false));
        EndpointCounters counters = new EndpointCounters(config.name(), config.url());
        Endpoint endpoint = pooled ? Endpoint.start(config, format, queue, pool, counters, HttpTransport.of(config,
                counters, deadlines), null, null, DeliveryListener.NONE)
                : Endpoint.start(config, format, queue, Executors.defaultThreadFactory());
        closer.keep(() -> endpoint.close(Duration.ZERO));
        return endpoint;
    }

    private static List<String> offer(Endpoint endpoint, int from, int toExclusive) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < toExclusive; i++) {
            endpoint.offer(Notifications.pushedTo(i, repository(i)));
            ids.add(Notifications.id(i));
        }
        return ids;
    }

    private static RepositoryName repository(int n) {
        return RepositoryName.of("team/repo-" + (n % REPOSITORIES));
    }


    private static Map<String, List<String>> expectedByRepository(int count) {
        Map<String, List<String>> order = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            order.computeIfAbsent(repository(i).value(), r -> new ArrayList<>()).add(Notifications.id(i));
        }
        return order;
    }

    @Test
    void severalEnvelopesAreInFlightAndEachRepositoryKeepsItsOrder() {
        Receiver receiver = farAway();
        Endpoint endpoint = start(config(receiver), new InMemoryQueue(10_000));
        offer(endpoint, 0, 400);
        receiver.awaitAccepted(400, WAIT);
        Polling.await("pending reaches 0", WAIT, () -> endpoint.metrics().getPending() == 0);
        assertTrue(receiver.mostConcurrent() > 1, "in flight at once: " + receiver.mostConcurrent());
        assertTrue(receiver.mostConcurrent() <= 4, "at most maxinflight: " + receiver.mostConcurrent());
        Map<String, List<String>> arrived = JsonDocs.idsByRepository(receiver.acceptedEvents());
        assertEquals(expectedByRepository(400), Map.copyOf(arrived), "in order per repository");
        assertEquals(400, endpoint.metrics().getSuccesses());
    }

    @Test
    void aJournalsPositionNeverPassesAnEventStillInFlight() throws Exception {
        Receiver receiver = farAway();
        JournalConfig journalConfig = new JournalConfig(dir, JournalConfig.Fsync.INTERVAL, Duration.ofMillis(20),
                1L << 30, 1 << 20);
        try (Journal journal = Journal.open(journalConfig, Executors.defaultThreadFactory())) {
            JournalCursor cursor = journal.cursor("far", e -> true);
            Broadcaster broadcaster = new Broadcaster(List.of(start(config(receiver), cursor)), journal);
            for (int i = 0; i < 300; i++) {
                broadcaster.write(Notifications.pushedTo(i, repository(i)));
            }
            receiver.awaitAccepted(300, WAIT);
            assertEquals(Map.of("far", 0L), broadcaster.close(Duration.ofSeconds(10)));
        }
        try (Journal reopened = Journal.open(journalConfig, Executors.defaultThreadFactory())) {
            assertEquals(0, reopened.cursor("far", e -> true).pending(), "every delivered event was acknowledged");
        }
        assertEquals(expectedByRepository(300), Map.copyOf(JsonDocs.idsByRepository(receiver.acceptedEvents())));
    }

    private static final RepositoryName STUCK = RepositoryName.of("team/refused");

    /** @return repositories whose lane is not the refused repository's, among {@code lanes} */
    private static List<RepositoryName> otherLanes(int lanes, int count) {
        List<RepositoryName> others = new ArrayList<>();
        for (int i = 0; others.size() < count; i++) {
            RepositoryName name = RepositoryName.of("team/free-" + i);
            if (Math.floorMod(name.hashCode(), lanes) != Math.floorMod(STUCK.hashCode(), lanes)) {
                others.add(name);
            }
        }
        return others;
    }

    private Receiver refusing(RepositoryName repository) {
        return closer.keep(Receiver.start().answeringByBody(body -> body.contains("\"" + repository.value() + "\"")
                ? Answer.status(503) : Answer.status(200)));
    }

    @Test
    void aRepositoryItsReceiverRefusesHoldsBackNoOtherLane() {
        Receiver receiver = refusing(STUCK);
        EndpointConfig config = config(receiver).withRetry(Duration.ofSeconds(5), 1, Duration.ofMillis(20));
        Endpoint endpoint = start(config, new InMemoryQueue(10_000));
        for (int i = 0; i < 100; i++) {
            endpoint.offer(Notifications.pushedTo(i, STUCK));
        }
        List<RepositoryName> others = otherLanes(4, 3);
        for (int i = 100; i < 130; i++) {
            endpoint.offer(Notifications.pushedTo(i, others.get(i % 3)));
        }
        receiver.awaitAccepted(30, WAIT);
        assertEquals(Notifications.ids(100, 130), receiver.acceptedIds().stream().sorted().toList());
    }

    @Test
    void aLaneThatRetriesHoldsBackTheOthersOnlyOnceTheWindowIsFullWhichBoundsWhatARestartSendsAgain()
            throws Exception {
        Receiver receiver = refusing(STUCK);
        EndpointConfig config = EndpointConfig.of("far", receiver.url()).withMaxInFlight(2)
                .withRetry(Duration.ofSeconds(5), 1, Duration.ofMillis(20));
        int window = LaneWindow.size(config);
        int others = window + 500;
        RepositoryName other = otherLanes(2, 1).get(0);
        JournalConfig journalConfig = new JournalConfig(dir, JournalConfig.Fsync.INTERVAL, Duration.ofMillis(20),
                1L << 30, 1 << 20);
        try (Journal journal = Journal.open(journalConfig, Executors.defaultThreadFactory())) {
            Endpoint endpoint = start(config, journal.cursor("far", e -> true));
            Broadcaster broadcaster = new Broadcaster(List.of(endpoint), journal);
            broadcaster.write(Notifications.pushedTo(0, STUCK));
            for (int i = 1; i <= others; i++) {
                broadcaster.write(Notifications.pushedTo(i, other));
            }
            receiver.awaitAccepted(window - 1, WAIT);
            assertEquals(window - 1, receiver.acceptedIds().size(), "the other lane stops at the window");
            endpoint.close(Duration.ZERO);
        }
        Receiver revived = closer.keep(Receiver.start());
        config = EndpointConfig.of("far", revived.url()).withMaxInFlight(2)
                .withRetry(Duration.ofSeconds(5), 1, Duration.ofMillis(20));
        try (Journal journal = Journal.open(journalConfig, Executors.defaultThreadFactory())) {
            JournalCursor cursor = journal.cursor("far", e -> true);
            assertEquals(others + 1, cursor.pending(), "nothing acknowledged past the refused event");
            Endpoint endpoint = start(config, cursor);
            revived.awaitAccepted(others + 1, WAIT);
            Polling.await("pending reaches 0", WAIT, () -> endpoint.metrics().getPending() == 0);
            assertEquals(others + 1, revived.acceptedIds().size(), "what the first run delivered is sent again, "
                    + "the window-bounded part: " + (window - 1) + " events");
        }
    }

    @Test
    void closingAbandonsEveryLaneAtTheDeadline() throws Exception {
        Receiver receiver = closer.keep(Receiver.start().answering(attempt -> Answer.hang()));
        Endpoint endpoint = start(config(receiver).withRetry(Duration.ofSeconds(60), 1, Duration.ofHours(1)),
                new InMemoryQueue(10_000));
        offer(endpoint, 0, 100);
        Polling.await("the lanes are sending", WAIT, () -> receiver.attempts() >= 4);
        long undelivered = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> endpoint.close(Duration.ofMillis(200)));
        assertEquals(100, undelivered, "nothing was acknowledged");
    }
}
