package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.Format;
import dev.regnotify.config.IgnoreConfig;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.metrics.MetricsSnapshot;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/** Endpoints against real receivers on 127.0.0.1: retries, failures of every kind, order, filters, batching. */
class EndpointDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final Closer closer = new Closer();

    private Receiver receiver() {
        return closer.keep(Receiver.start());
    }

    private static EndpointConfig config(String name, URI url) {
        return EndpointConfig.of(name, url).withRetry(Duration.ofMillis(500), 10, Duration.ofMillis(20));
    }

    private Endpoint start(EndpointConfig config) {
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(), new NotificationFactory(null, false)), new InMemoryQueue(1000),
                Executors.defaultThreadFactory());
        closer.keep(() -> endpoint.close(Duration.ZERO));
        return endpoint;
    }

    private static void offer(Endpoint endpoint, int from, int toExclusive) {
        for (int i = from; i < toExclusive; i++) {
            endpoint.offer(Notifications.numbered(i));
        }
    }

    @Test
    void batchesArePreparedAheadButOneEnvelopeIsInFlightAndOrderHolds() {
        Receiver receiver = receiver().answering(n -> Answer.after(Duration.ofMillis(20)));
        Endpoint endpoint = start(config("ahead", receiver.url()).withBatch(new BatchConfig(10, 1 << 20)));
        offer(endpoint, 0, 300);
        receiver.awaitAccepted(300, WAIT);
        assertEquals(Notifications.ids(0, 300), receiver.acceptedIds());
        assertEquals(300, receiver.acceptedEvents().size(), "each once");
        assertEquals(1, receiver.mostConcurrent(), "one envelope in flight, as distribution");
        Polling.await("all acknowledged", WAIT, () -> endpoint.metrics().getPending() == 0);
    }

    @Test
    void exponentialPolicyWaitsAsLongAsRetryAfterAsks() {
        Receiver receiver = receiver().answering(n -> n == 1 ? Answer.later(429, "1") : Answer.status(200));
        Endpoint endpoint = start(config("busy", receiver.url())
                .withRetryPolicy(RetryConfig.exponential(Duration.ofMillis(10), Duration.ofSeconds(5))));
        offer(endpoint, 0, 3);
        receiver.awaitAccepted(3, WAIT);
        assertEquals(Notifications.ids(0, 3), receiver.acceptedIds());
        List<Receiver.Request> requests = receiver.requests();
        long gap = requests.get(1).arrived() - requests.get(0).arrived();
        assertTrue(gap >= Duration.ofMillis(950).toNanos(), "the second attempt came after " + gap / 1_000_000
                + " ms, before the second the receiver asked for");
    }

    @Test
    void exponentialPolicyDeliversInOrderOnceAnUnavailableReceiverIsBack() {
        Receiver receiver = receiver().answering(n -> n <= 4 ? Answer.status(503) : Answer.status(200));
        Endpoint endpoint = start(config("unavailable", receiver.url())
                .withRetryPolicy(RetryConfig.exponential(Duration.ofMillis(5), Duration.ofMillis(50))));
        offer(endpoint, 0, 10);
        receiver.awaitAccepted(10, WAIT);
        assertEquals(Notifications.ids(0, 10), receiver.acceptedIds());
        assertEquals(14, receiver.attempts());
    }

    @Test
    void retryAfterCountsOnlyOn429And503() {
        // honoured, this would hold the event for ten minutes, past the wait below
        Receiver receiver = receiver().answering(n -> n == 1 ? Answer.later(500, "600") : Answer.status(200));
        Endpoint endpoint = start(config("broken", receiver.url())
                .withRetryPolicy(RetryConfig.exponential(Duration.ofMillis(10), Duration.ofMinutes(15))));
        offer(endpoint, 0, 1);
        receiver.awaitAccepted(1, WAIT);
        assertEquals(2, receiver.attempts());
    }

    @Test
    void distributionPolicyDoesNotReadRetryAfter() {
        // honoured, this would hold the event for ten minutes, past the wait below
        Receiver receiver = receiver().answering(n -> n == 1 ? Answer.later(503, "600") : Answer.status(200));
        Endpoint endpoint = start(config("classic", receiver.url()));
        offer(endpoint, 0, 1);
        receiver.awaitAccepted(1, WAIT);
        assertEquals(2, receiver.attempts());
    }

    @Test
    void failingReceiverGetsEveryEventInOrderOnceItAccepts() {
        Receiver receiver = receiver().answering(n -> Answer.status(n <= 25 ? 500 : 200));
        Endpoint endpoint = start(config("flaky", receiver.url()));
        offer(endpoint, 0, 30);
        receiver.awaitAccepted(30, WAIT);
        assertEquals(Notifications.ids(0, 30), receiver.acceptedIds());
        EndpointMetrics m = endpoint.metrics();
        Polling.await("pending reaches 0", () -> m.getPending() == 0);
        assertEquals(30, m.getEvents());
        assertEquals(25, m.getFailures());
        assertEquals(30, m.getSuccesses());
        assertEquals(0, m.getErrors());
        assertEquals(Map.of("500 Internal Server Error", 25L, "200 OK", 30L), m.getStatuses());
    }

    @Test
    void receiverThatIsDownThenComesUpLosesNothing() {
        int port = Receiver.freePort();
        Endpoint endpoint = start(config("late", URI.create("http://127.0.0.1:" + port + "/events")));
        offer(endpoint, 0, 5);
        Polling.await("connection refused is counted", () -> endpoint.metrics().getErrors() >= 3);
        Receiver receiver = closer.keep(Receiver.startOn(port));
        offer(endpoint, 5, 10);
        receiver.awaitAccepted(10, WAIT);
        assertEquals(Notifications.ids(0, 10), receiver.acceptedIds());
        Polling.await("the successes are counted", () -> endpoint.metrics().getSuccesses() == 10);
        assertEquals(0, endpoint.metrics().getFailures());
    }

    @Test
    void receiverThatHangsPastTheTimeoutIsAnErrorAndLosesNothing() {
        Receiver receiver = receiver().answering(n -> n <= 2 ? Answer.hang() : Answer.status(200));
        EndpointConfig config = EndpointConfig.of("slow", receiver.url())
                .withRetry(Duration.ofMillis(200), 10, Duration.ofMillis(20));
        Endpoint endpoint = start(config);
        offer(endpoint, 0, 3);
        Polling.await("two timeouts are counted", WAIT, () -> endpoint.metrics().getErrors() >= 2);
        receiver.release();
        receiver.awaitAccepted(3, WAIT);
        assertEquals(Notifications.ids(0, 3), receiver.acceptedIds());
        Polling.await("the successes are counted", () -> endpoint.metrics().getSuccesses() == 3);
        assertEquals(2, endpoint.metrics().getErrors());
        assertEquals(3, endpoint.metrics().getSuccesses());
    }

    @Test
    void redirectIsAFailureNamingTheLocationAndIsNotFollowed() {
        Receiver elsewhere = receiver();
        Receiver receiver = receiver().answering(n -> n <= 3 ? Answer.redirect(elsewhere.url().toString())
                : Answer.status(204));
        try (LogCapture log = LogCapture.start()) {
            Endpoint endpoint = start(config("moved", receiver.url()));
            offer(endpoint, 0, 1);
            receiver.awaitAccepted(1, WAIT);
            Polling.await("the success is counted", () -> endpoint.metrics().getSuccesses() == 1);
            assertEquals(3, endpoint.metrics().getFailures());
            assertEquals(Map.of("302 Found", 3L, "204 No Content", 1L), endpoint.metrics().getStatuses());
            assertEquals(0, elsewhere.attempts(), "the redirect was followed");
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("RN-302") && l.contains("302 Found to "
                    + "http://127.0.0.1:" + elsewhere.port() + "/<redacted>")), log.lines()::toString);
        }
    }

    @Test
    void aDeadEndpointHoldsBackNoOther() {
        Receiver live = receiver();
        Endpoint dead = start(config("dead", URI.create("http://127.0.0.1:" + Receiver.freePort() + "/")));
        Endpoint alive = start(config("alive", live.url()));
        Broadcaster broadcaster = new Broadcaster(List.of(dead, alive));
        for (int i = 0; i < 50; i++) {
            broadcaster.write(dev.regnotify.testing.Notifications.numbered(i));
        }
        live.awaitAccepted(50, WAIT);
        assertEquals(Notifications.ids(0, 50), live.acceptedIds());
        assertEquals(50, dead.metrics().getPending());
        Polling.await("the dead endpoint's attempts are counted", () -> dead.metrics().getErrors() > 0);
    }

    @Test
    void filtersDropIgnoredMediaTypesAndActionsIncludingActionsOnly() {
        Receiver receiver = receiver();
        Endpoint actionsOnly = start(config("actions", receiver.url())
                .withIgnore(new IgnoreConfig(java.util.Set.of(), java.util.Set.of("pull"))));
        actionsOnly.offer(Notifications.of(0, "push", "a/b"));
        actionsOnly.offer(Notifications.of(1, "pull", "a/b"));
        actionsOnly.offer(Notifications.of(2, "delete", ""));
        receiver.awaitAccepted(2, WAIT);
        assertEquals(List.of(Notifications.id(0), Notifications.id(2)), receiver.acceptedIds());
        assertEquals(2, actionsOnly.metrics().getEvents());

        EndpointFilter both = new EndpointFilter(new IgnoreConfig(java.util.Set.of("application/octet-stream"),
                java.util.Set.of("mount")));
        assertFalse(both.accepts(Notifications.of(0, "push", "application/octet-stream")));
        assertFalse(both.accepts(Notifications.of(0, "mount", "a/b")));
        assertTrue(both.accepts(Notifications.of(0, "push", "a/b")));
        assertTrue(new EndpointFilter(IgnoreConfig.NONE).accepts(Notifications.of(0, "pull", "a/b")));
    }

    @Test
    void aFilterKeepsOnlyTheRepositoriesItNamesBeforeTheQueue() {
        Receiver receiver = receiver();
        Endpoint team = start(config("team", receiver.url()).toBuilder().filter(new dev.regnotify.config.FilterConfig(
                List.of(dev.regnotify.config.Glob.repository("team/**")), List.of(), java.util.Set.of(),
                java.util.Set.of(), java.util.Set.of())).build());
        team.offer(Notifications.pushedTo(0, dev.regnotify.registry.RepositoryName.of("other/app")));
        team.offer(Notifications.pushedTo(1, dev.regnotify.registry.RepositoryName.of("team/app/web")));
        team.offer(Notifications.pushedTo(2, dev.regnotify.registry.RepositoryName.of("teams/app")));
        team.offer(Notifications.pushedTo(3, dev.regnotify.registry.RepositoryName.of("team/app")));
        receiver.awaitAccepted(2, WAIT);
        assertEquals(List.of(Notifications.id(1), Notifications.id(3)), receiver.acceptedIds());
        assertEquals(2, team.metrics().getEvents(), "the filtered events never reached the queue");
    }

    @Test
    void aBacklogIsBatchedInOrder() {
        Receiver receiver = receiver().answering(n -> n == 1 ? Answer.hang() : Answer.status(200));
        Endpoint endpoint = start(config("batched", receiver.url()).withBatch(new BatchConfig(100, 1 << 20))
                .withRetry(Duration.ofSeconds(10), 10, Duration.ofMillis(20)));
        offer(endpoint, 0, 1);
        Polling.await("the first envelope is in flight", () -> receiver.attempts() == 1);
        offer(endpoint, 1, 1000);
        receiver.release();
        receiver.awaitAccepted(1000, WAIT);
        assertEquals(Notifications.ids(0, 1000), receiver.acceptedIds());
        List<Receiver.Request> requests = receiver.requests();
        assertTrue(requests.size() <= 11, "envelopes: " + requests.size());
        assertEquals(1, requests.get(0).events().size());
        assertTrue(requests.stream().allMatch(r -> r.events().size() <= 100));
    }

    @Test
    void envelopesStayWithinMaxBytes() {
        Receiver receiver = receiver().answering(n -> n == 1 ? Answer.hang() : Answer.status(200));
        int eventSize = new DistributionFormat(Format.V1, new NotificationFactory(null, false)).encode(Notifications.numbered(0)).length;
        long maxBytes = 3L * eventSize + 40;
        Endpoint endpoint = start(config("bytes", receiver.url()).withBatch(new BatchConfig(100, maxBytes)));
        offer(endpoint, 0, 1);
        Polling.await("the first envelope is in flight", () -> receiver.attempts() == 1);
        offer(endpoint, 1, 20);
        receiver.release();
        receiver.awaitAccepted(20, WAIT);
        assertEquals(Notifications.ids(0, 20), receiver.acceptedIds());
        for (Receiver.Request request : receiver.requests()) {
            assertTrue(request.body().length <= maxBytes, request.body().length + " > " + maxBytes);
        }
        assertTrue(receiver.requests().stream().anyMatch(r -> r.events().size() == 3));
    }

    @Test
    void headersAreSentAsGivenAndSecretsStayOutOfLogsAndMetrics() {
        Receiver receiver = receiver().answering(n -> Answer.status(n == 1 ? 503 : 200));
        EndpointConfig config = config("secret", receiver.url())
                .withHeaders(Map.of("Authorization", List.of("Bearer s3cr3t-token"), "X-Multi", List.of("a", "b")))
                .withFormat(Format.V2);
        try (LogCapture log = LogCapture.start()) {
            Endpoint endpoint = start(config);
            offer(endpoint, 0, 1);
            receiver.awaitAccepted(1, WAIT);
            Receiver.Request request = receiver.requests().get(1);
            assertEquals("Bearer s3cr3t-token", request.header("Authorization"));
            assertEquals(List.of("a", "b"), request.headers().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("X-Multi")).findFirst().orElseThrow().getValue());
            assertEquals("application/vnd.docker.distribution.events.v2+json", request.header("Content-Type"));
            String everything = log.lines() + MetricsSnapshot.json(List.of(new MetricsSnapshot.Row(endpoint.config(), endpoint.metrics()))) + endpoint + config
                    + endpoint.metrics();
            assertFalse(everything.contains("s3cr3t"), everything);
            assertTrue(MetricsSnapshot.json(List.of(new MetricsSnapshot.Row(endpoint.config(), endpoint.metrics()))).contains("\"Authorization\":[\"\\u003credacted\\u003e\"]"));
        }
    }

    @Test
    void connectionsAreReused() {
        Receiver receiver = receiver();
        Endpoint endpoint = start(config("keepalive", receiver.url()));
        offer(endpoint, 0, 20);
        receiver.awaitAccepted(20, WAIT);
        assertEquals(1, receiver.requests().stream().map(Receiver.Request::remotePort).distinct().count());
    }

    @Test
    void closeWithTheReceiverDownReportsWhatIsLeft() {
        Endpoint endpoint = start(config("down", URI.create("http://127.0.0.1:" + Receiver.freePort() + "/")));
        offer(endpoint, 0, 7);
        Polling.await("first attempts fail", () -> endpoint.metrics().getErrors() > 0);
        long started = System.nanoTime();
        assertEquals(7, endpoint.close(Duration.ofMillis(300)));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5);
        endpoint.offer(Notifications.numbered(8));
        assertEquals(7, endpoint.metrics().getEvents(), "a closed endpoint takes nothing");
    }

    @Test
    void closeDrainsWhatIsQueued() {
        Receiver receiver = receiver();
        Endpoint endpoint = start(config("drain", receiver.url()));
        offer(endpoint, 0, 100);
        assertEquals(0, endpoint.close(Duration.ofSeconds(20)));
        assertEquals(Notifications.ids(0, 100), receiver.acceptedIds());
    }

    @Test
    void aHeaderTheClientRefusesIsNamedAtStart() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> start(config("host", URI.create("http://127.0.0.1:1/")).withHeaders(Map.of("Host",
                        List.of("x")))));
        assertTrue(e.getMessage().contains("Host"), e.getMessage());
    }
}
