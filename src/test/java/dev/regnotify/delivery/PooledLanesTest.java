package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.http.Deadlines;
import dev.regnotify.delivery.http.HttpTransport;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.JsonDocs;
import dev.regnotify.testing.LibraryThreads;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * Endpoints with {@code maxinflight} above 1 on a shared pool: their lanes and dispatchers take turns on its threads
 * and make none of their own; order per repository and no loss with a receiver that fails some requests and one that
 * hangs; a lane waiting for a retry holds no thread; a close, and an error the JVM cannot recover from, end them.
 */
class PooledLanesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ThreadFactory DAEMONS = task -> {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    };

    private final List<Endpoint> endpoints = new ArrayList<>();
    /** The receivers: closed after {@link #close()} closes the endpoints, the pool and the deadlines. */
    @RegisterExtension
    final Closer closer = new Closer();
    private final Set<Thread> before = LibraryThreads.alive();
    private final Deadlines deadlines = new Deadlines(DAEMONS);
    private DeliveryPool pool;

    @AfterEach
    void close() throws Exception {
        endpoints.forEach(endpoint -> endpoint.close(Duration.ZERO));
        if (pool != null) {
            pool.close();
        }
        deadlines.close();
    }

    private Receiver receiver(Receiver receiver) {
        return closer.keep(receiver);
    }

    private Endpoint start(EndpointConfig config) {
        EndpointCounters counters = new EndpointCounters(config.name(), config.url());
        return start(config, HttpTransport.of(config, counters, deadlines), counters);
    }

    private Endpoint start(EndpointConfig config, Sink transport, EndpointCounters counters) {
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(), new NotificationFactory(
                null, false)), new InMemoryQueue(10_000), pool, counters, transport, null, null,
                DeliveryListener.NONE);
        endpoints.add(endpoint);
        return endpoint;
    }

    private static EndpointConfig lanes(String name, URI url) {
        return EndpointConfig.of(name, url).withMaxInFlight(4).withBatch(new BatchConfig(5, 1 << 20))
                .withRetry(Duration.ofSeconds(30), 10, Duration.ofMillis(10));
    }

    private static RepositoryName repository(int endpoint, int n) {
        return RepositoryName.of("team/e" + endpoint + "-r" + n % 8);
    }

    /** @return the events offered, per repository, in the order offered */
    private static Map<String, List<String>> offer(Endpoint endpoint, int index, int from, int count) {
        Map<String, List<String>> offered = new LinkedHashMap<>();
        for (int i = from; i < from + count; i++) {
            RegistryEvent event = Notifications.pushedTo(i, repository(index, i));
            endpoint.offer(event);
            offered.computeIfAbsent(event.repository().value(), r -> new ArrayList<>()).add(event.id());
        }
        return offered;
    }


    private List<String> endpointThreads() {
        return LibraryThreads.startedSince(before).stream().filter(name -> name.startsWith("regnotify-endpoint-"))
                .toList();
    }

    @Test
    void lanesOnThePoolKeepEachRepositorysOrderAndLoseNothingThoughOneReceiverFailsSomeAndOneHangs() {
        pool = new DeliveryPool(6, DAEMONS);
        // every third request refused: envelopes are sent again, in their lane, before the next of their repository
        Receiver flaky = receiver(Receiver.start().answering(attempt -> attempt % 3 == 0 ? Answer.status(503)
                : Answer.status(200)));
        Receiver hanging = receiver(Receiver.start().answering(attempt -> Answer.hang()));
        Endpoint stuck = start(lanes("endpoint-0", hanging.url()));
        Map<String, List<String>> stuckOffered = offer(stuck, 0, 0, 40);
        Polling.await("the hanging receiver has its lanes' first attempts", WAIT, () -> hanging.attempts() >= 1);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        List<Endpoint> others = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            Endpoint endpoint = start(lanes("endpoint-" + n, flaky.url()));
            others.add(endpoint);
            expected.putAll(offer(endpoint, n, n * 1000, 40));
        }

        flaky.awaitAccepted(5 * 40, WAIT);
        assertEquals(expected, Map.copyOf(JsonDocs.idsByRepository(flaky.acceptedEvents())),
                "in order per repository");
        for (Endpoint endpoint : others) {
            Polling.await(endpoint.name() + " acknowledged all", WAIT, () -> endpoint.metrics().getPending() == 0);
        }
        assertEquals(40, stuck.metrics().getPending(), "the hanging receiver's endpoint acknowledged nothing");
        assertEquals(List.of(), endpointThreads(), "no lane has a thread of its own");

        hanging.release();
        hanging.awaitAccepted(40, WAIT);
        assertEquals(stuckOffered, Map.copyOf(JsonDocs.idsByRepository(hanging.acceptedEvents())),
                "in order once released");
        Polling.await("the released endpoint acknowledged all", WAIT, () -> stuck.metrics().getPending() == 0);
    }

    @Test
    void aLaneWaitingOutItsRetryHoldsNoThreadAndHoldsBackOnlyItsPartition() {
        pool = new DeliveryPool(1, DAEMONS);
        RepositoryName refused = RepositoryName.of("team/refused");
        Receiver refusing = receiver(Receiver.start().answeringByBody(body -> body.contains("\"" + refused.value()
                + "\"") ? Answer.status(503) : Answer.status(200)));
        Receiver healthy = receiver(Receiver.start());
        // its first failure waits an hour (threshold 1): on a pool of one thread, its other lanes and the other
        // endpoint must still deliver
        Endpoint waiting = start(EndpointConfig.of("waiting", refusing.url()).withMaxInFlight(4)
                .withRetry(Duration.ofSeconds(5), 1, Duration.ofHours(1)));
        Endpoint other = start(lanes("other", healthy.url()));
        waiting.offer(Notifications.pushedTo(0, refused));
        Polling.await("the refused event failed once", WAIT, () -> waiting.metrics().getFailures() >= 1);
        List<RepositoryName> free = new ArrayList<>();
        for (int i = 0; free.size() < 3; i++) {
            RepositoryName name = RepositoryName.of("team/free-" + i);
            if (Math.floorMod(name.hashCode(), 4) != Math.floorMod(refused.hashCode(), 4)) {
                free.add(name);
            }
        }
        for (int i = 1; i <= 30; i++) {
            waiting.offer(Notifications.pushedTo(i, free.get(i % 3)));
            other.offer(Notifications.pushedTo(100 + i, repository(1, i)));
        }

        refusing.awaitAccepted(30, WAIT);
        healthy.awaitAccepted(30, WAIT);
        assertEquals(Notifications.ids(1, 31), refusing.acceptedIds().stream().sorted().toList());
        assertEquals(1, waiting.metrics().getFailures(), "no attempt before the hour is over");
        Polling.await("the other endpoint acknowledged all", WAIT, () -> other.metrics().getPending() == 0);
        assertEquals(31, waiting.metrics().getPending(), "nothing acknowledged past the event that waits");
        assertEquals(List.of(), endpointThreads(), "no lane has a thread of its own");
        assertTrue(pool.largestThreads() <= 1, () -> pool.largestThreads() + " threads");
    }

    @Test
    void closingLanesWhileTheirReceiverHangsEndsWithinTheGraceAndLeavesNoThread() {
        // three threads: its lanes hold two at most, so that two of its attempts hang at once
        pool = new DeliveryPool(3, DAEMONS);
        Receiver hanging = receiver(Receiver.start().answering(attempt -> Answer.hang()));
        Endpoint endpoint = start(lanes("hook", hanging.url()).withRetry(Duration.ofSeconds(60), 1,
                Duration.ofHours(1)));
        offer(endpoint, 0, 0, 100);
        Polling.await("the lanes are sending", WAIT, () -> hanging.attempts() >= 2);
        endpoints.remove(endpoint);
        long began = System.nanoTime();
        assertEquals(100, endpoint.close(Duration.ofMillis(200)), "nothing was acknowledged");
        assertFalse(System.nanoTime() - began > Duration.ofSeconds(3).toNanos(), "closed within drain and grace");
        hanging.release();
        pool.close();
        pool = null;
        deadlines.close();
        LibraryThreads.awaitEnded(before, WAIT);
    }

    @Test
    void anErrorTheJvmCannotRecoverFromInALaneIsSaidAndEndsTheEndpointsDelivery() {
        pool = new DeliveryPool(2, DAEMONS);
        Sink failing = new Sink() {
            @Override
            public void send(Envelope envelope) {
                throw new InternalError("the virtual machine's own failure");
            }

            @Override
            public void close() {
            }
        };
        EndpointConfig config = lanes("hook", URI.create("http://127.0.0.1:9/"));
        try (LogCapture log = LogCapture.start()) {
            Endpoint endpoint = start(config, failing, new EndpointCounters(config.name(), config.url()));
            offer(endpoint, 0, 0, 8);
            // a thread of its own would die of it and say so on stderr; a pool's thread keeps it in a future nobody
            // reads
            Polling.await("the endpoint's end said", WAIT,
                    () -> !log.containing("the virtual machine's own failure").isEmpty());
            endpoints.remove(endpoint);
            long began = System.nanoTime();
            assertEquals(8, endpoint.close(Duration.ofSeconds(30)), "nothing is lost: it stays queued");
            assertFalse(System.nanoTime() - began > Duration.ofSeconds(3).toNanos(), "its delivery had ended");
        }
    }
}
