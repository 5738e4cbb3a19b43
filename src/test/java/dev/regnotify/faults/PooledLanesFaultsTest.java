package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.Broadcaster;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.DeliveryPool;
import dev.regnotify.delivery.Envelope;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.delivery.NotificationQueue;
import dev.regnotify.delivery.Sink;
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
 * Lanes ({@code maxinflight} above 1) by turns on a delivery pool, where the threads' lanes were tested alone: a
 * hanging receiver on a pool smaller than its lanes, an operator's disable and enable, a journal read failing in the
 * dispatcher's turn, a dead letter replayed.
 */
class PooledLanesFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ThreadFactory DAEMONS = task -> {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    };

    @TempDir
    Path dir;

    /** The receivers, journals, pool and deadlines: closed after {@link #closeEndpoints()}. */
    @RegisterExtension
    final Closer closer = new Closer();
    private final Deadlines deadlines = closer.keep(new Deadlines(DAEMONS));
    private DeliveryPool pool;
    /** Closed first; a test that closes one itself, to assert what it left, takes it out. */
    private final List<Endpoint> endpoints = new ArrayList<>();

    @AfterEach
    void closeEndpoints() {
        for (int i = endpoints.size() - 1; i >= 0; i--) {
            endpoints.get(i).close(Duration.ZERO);
        }
    }

    private Endpoint start(EndpointConfig config, NotificationQueue queue) {
        EndpointCounters counters = new EndpointCounters(config.name(), config.url());
        return start(config, queue, HttpTransport.of(config, counters, deadlines), counters);
    }

    private Endpoint start(EndpointConfig config, NotificationQueue queue, Sink transport, EndpointCounters counters) {
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(),
                new NotificationFactory(null, false)), queue, pool, counters, transport, null, null,
                DeliveryListener.NONE);
        endpoints.add(endpoint);
        return endpoint;
    }

    /** @return {@code count} repositories, each on a lane of its own among {@code lanes} */
    private static List<RepositoryName> onLanesOfTheirOwn(int lanes, int count) {
        Map<Integer, RepositoryName> byLane = new LinkedHashMap<>();
        for (int i = 0; byLane.size() < count; i++) {
            RepositoryName name = RepositoryName.of("team/lane-" + i);
            byLane.putIfAbsent(Math.floorMod(name.hashCode(), lanes), name);
        }
        return List.copyOf(byLane.values());
    }


    @Test
    void lanesOfAHangingReceiverOnAPoolNoLargerThanTheyAreHoldBackNoOtherEndpoint() {
        pool = closer.keep(new DeliveryPool(4, DAEMONS));
        Receiver hanging = closer.keep(Receiver.start().answering(attempt -> Answer.hang()));
        Receiver healthy = closer.keep(Receiver.start());
        Endpoint stuck = start(EndpointConfig.of("stuck", hanging.url()).withMaxInFlight(4)
                .withRetry(Duration.ofSeconds(20), 10, Duration.ofMillis(10)), new InMemoryQueue(1000));
        List<RepositoryName> repositories = onLanesOfTheirOwn(4, 4);
        for (int i = 0; i < 4; i++) {
            stuck.offer(Notifications.pushedTo(i, repositories.get(i)));
        }
        Polling.await("the hanging receiver has every lane's attempt", WAIT, () -> hanging.attempts() >= 3);
        Endpoint other = start(EndpointConfig.of("other", healthy.url()), new InMemoryQueue(1000));
        other.offer(Notifications.pushedTo(100, RepositoryName.of("team/other")));
        // a receiver that hangs holds back no other endpoint: not for the 20 s of its timeout
        Polling.await("the other endpoint delivered", Duration.ofSeconds(5), () -> healthy.acceptedIds().size() == 1);
        hanging.release();
        hanging.awaitAccepted(4, WAIT);
    }

    @Test
    void disabledLanesSendNothingAndOnceEnabledDeliverEveryEventInOrderPerRepository() {
        pool = closer.keep(new DeliveryPool(2, DAEMONS));
        Receiver receiver = closer.keep(Receiver.start());
        Endpoint endpoint = start(EndpointConfig.of("hook", receiver.url()).withMaxInFlight(4)
                .withBatch(new BatchConfig(3, 1 << 20)), new InMemoryQueue(1000));
        assertTrue(endpoint.disable());
        Map<String, List<String>> offered = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            RepositoryName repository = RepositoryName.of("team/r" + i % 6);
            endpoint.offer(Notifications.pushedTo(i, repository));
            offered.computeIfAbsent(repository.value(), r -> new ArrayList<>()).add(Notifications.id(i));
        }
        Polling.await("the lanes took the events", WAIT, () -> endpoint.metrics().getPending() == 60);
        assertEquals(0, receiver.attempts(), "a disabled endpoint sends nothing");
        assertTrue(endpoint.enable());
        receiver.awaitAccepted(60, WAIT);
        assertEquals(offered, Map.copyOf(JsonDocs.idsByRepository(receiver.acceptedEvents())));
        Polling.await("nothing pending", WAIT, () -> endpoint.metrics().getPending() == 0);
        assertTrue(endpoint.disable());
        endpoint.offer(Notifications.pushedTo(60, RepositoryName.of("team/r0")));
        assertTrue(endpoint.enable());
        receiver.awaitAccepted(61, WAIT);
        Polling.await("nothing pending", WAIT, () -> endpoint.metrics().getPending() == 0);
    }

    @Test
    void aJournalReadFailingInTheDispatchersTurnNeitherLosesEventsNorStopsTheEndpoint() throws Exception {
        pool = closer.keep(new DeliveryPool(2, DAEMONS));
        JournalConfig config = JournalConfig.in(dir.resolve("journal"));
        try (Journal journal = Journal.open(config, Executors.defaultThreadFactory())) {
            journal.cursor("hook", event -> true);
            for (int i = 0; i < 20; i++) {
                journal.append(Notifications.pushedTo(i, RepositoryName.of("repo/" + i % 4)));
            }
        }
        Receiver receiver = closer.keep(Receiver.start());
        FaultyFiles files = new FaultyFiles(dir.resolve("journal"));
        Journal journal = closer.keep(Journal.open(config, files, Executors.defaultThreadFactory()));
        JournalCursor cursor = journal.cursor("hook", event -> true);
        files.failReadsAfter(10, 1);
        Endpoint endpoint = start(EndpointConfig.of("hook", receiver.url()).withMaxInFlight(4)
                .withBatch(new BatchConfig(5, 1 << 20)).withRetry(Duration.ofSeconds(5), 3, Duration.ofMillis(20)),
                cursor);
        receiver.awaitAccepted(20, WAIT);
        Broadcaster broadcaster = new Broadcaster(List.of(endpoint), journal);
        for (int i = 20; i < 40; i++) {
            broadcaster.write(Notifications.pushedTo(i, RepositoryName.of("repo/" + i % 4)));
        }
        receiver.awaitAccepted(40, WAIT);
        Polling.await("nothing pending", WAIT, () -> endpoint.metrics().getPending() == 0);
        assertEquals(1, files.failedReads());
        assertEquals(Notifications.ids(0, 40), receiver.acceptedIds().stream().sorted().toList(), "every event once");
    }

    @Test
    void aDeadLetterOfLanesIsReplayedOnThePoolOnceAsked() {
        pool = closer.keep(new DeliveryPool(2, DAEMONS));
        String poison = Notifications.id(7);
        Receiver receiver = closer.keep(Receiver.start().answeringByBody(body -> body.contains(poison)
                ? Answer.status(400) : Answer.status(200)));
        Endpoint endpoint = start(EndpointConfig.of("hook", receiver.url()).withMaxInFlight(4)
                .withBatch(new BatchConfig(8, 1 << 20)).withRetryPolicy(RetryConfig.exponential(Duration.ofMillis(5),
                        Duration.ofMillis(50)).withBounds(1, Duration.ZERO)), new InMemoryQueue(1000));
        for (int i = 0; i < 64; i++) {
            endpoint.offer(Notifications.pushedTo(i, RepositoryName.of("repo/" + i % 8)));
        }
        Polling.await("one dead letter", WAIT, () -> endpoint.deadLetters().list().size() == 1);
        receiver.awaitAccepted(63, WAIT);
        Polling.await("nothing pending", WAIT, () -> endpoint.metrics().getPending() == 0);
        receiver.answering(attempt -> Answer.status(200));
        assertEquals(1, endpoint.replay(letter -> true));
        receiver.awaitAccepted(64, WAIT);
        Polling.await("the letter left", WAIT, () -> endpoint.deadLetters().list().isEmpty()
                && endpoint.replaying() == 0);
    }

    @Test
    void aSendThatOutlivesTheCloseAcknowledgesNothingTheHandOverGaveAway() throws Exception {
        pool = closer.keep(new DeliveryPool(4, DAEMONS));
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        // a transport of one's own that ignores abort(): its send returns only once released
        Sink deaf = new Sink() {
            @Override
            public void send(Envelope envelope) throws InterruptedException {
                sending.countDown();
                released.await();
            }

            @Override
            public void close() {
            }
        };
        EndpointConfig config = EndpointConfig.of("hook", URI.create("http://127.0.0.1:9/")).withMaxInFlight(2)
                .withBatch(new BatchConfig(1, 1 << 20));
        InMemoryQueue queue = new InMemoryQueue(100);
        queue.keepForHandOver();
        Endpoint endpoint = start(config, queue, deaf, new EndpointCounters(config.name(), config.url()));
        for (int i = 0; i < 4; i++) {
            endpoint.offer(Notifications.pushedTo(i, RepositoryName.of("team/one")));
        }
        sending.await();
        endpoints.remove(endpoint);
        assertEquals(4, endpoint.close(Duration.ZERO), "its send outlived the grace: nothing acknowledged");
        InMemoryQueue next = queue.handOver(100);
        released.countDown();
        Polling.await("the late send acknowledged to the old queue", WAIT, () -> queue.pending() < 4);
        assertEquals(4, next.pending(), "the new queue keeps every event handed over");
        List<String> handed = new ArrayList<>();
        for (var event = next.poll(); event != null; event = next.poll()) {
            handed.add(event.id());
        }
        assertEquals(Notifications.ids(0, 4), handed);
    }

    @Test
    void eventsOfferedWhileLanesCloseAreDeliveredLeftPendingOrCountedDroppedNeverLost() throws Exception {
        pool = closer.keep(new DeliveryPool(3, DAEMONS));
        Receiver receiver = closer.keep(Receiver.start().answering(attempt -> Answer.after(Duration.ofMillis(1))));
        Endpoint endpoint = start(EndpointConfig.of("hook", receiver.url()).withMaxInFlight(4)
                .withBatch(new BatchConfig(4, 1 << 20)), new InMemoryQueue(100_000));
        int offered = 20_000;
        CountDownLatch begun = new CountDownLatch(100);
        Thread producer = new Thread(() -> {
            for (int i = 0; i < offered; i++) {
                endpoint.offer(Notifications.pushedTo(i, RepositoryName.of("team/r" + i % 16)));
                begun.countDown();
            }
        });
        producer.start();
        begun.await();
        endpoints.remove(endpoint);
        long left = endpoint.close(Duration.ofSeconds(5));
        producer.join();
        long delivered = receiver.acceptedIds().stream().distinct().count();
        assertEquals(offered, delivered + left + endpoint.metrics().getDropped(),
                () -> delivered + " delivered, " + left + " left, " + endpoint.metrics().getDropped() + " dropped");
    }
}
