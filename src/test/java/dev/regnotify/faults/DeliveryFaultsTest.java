package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.Format;
import dev.regnotify.delivery.Broadcaster;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.delivery.metrics.MetricsSnapshot;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.TlsReceiver;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/** Receivers that stall, refuse or need credentials, full queues, secrets, and shutdown under a stalled attempt. */
class DeliveryFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final Closer closer = new Closer();

    private Endpoint start(EndpointConfig config) {
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(Format.V1, new NotificationFactory(null,
                false)), new InMemoryQueue(config.queueCapacity()), Executors.defaultThreadFactory());
        closer.keep(() -> endpoint.close(Duration.ZERO));
        return endpoint;
    }

    private RawReceiver raw(java.util.function.IntFunction<String> script) throws Exception {
        return closer.keep(new RawReceiver(script));
    }

    private static URI dead() {
        return URI.create("http://127.0.0.1:" + Receiver.freePort() + "/events");
    }

    @Test
    void aReceiverStallingInItsBodyIsGivenUpOnAtTheTimeoutAndTheEventGoesOnTheNextAttempt() throws Exception {
        RawReceiver receiver = raw(connection -> connection == 1 ? RawReceiver.STALLED_BODY : RawReceiver.OK);
        try (LogCapture log = LogCapture.start()) {
            Endpoint endpoint = start(EndpointConfig.of("stalled", receiver.url())
                    .withRetry(Duration.ofMillis(500), 10, Duration.ofMillis(20)));
            endpoint.offer(Notifications.numbered(0));
            Polling.await("the event is delivered", WAIT, () -> endpoint.metrics().getSuccesses() == 1);
            assertEquals(1, endpoint.metrics().getErrors());
            assertEquals(2, receiver.connections(), "the stalled connection was dropped, not reused");
            List<String> failures = log.containing("RN-302");
            assertEquals(1, failures.size(), log.lines().toString());
            assertTrue(failures.get(0).contains("no complete answer from 127.0.0.1:" + receiver.url().getPort()
                    + " within 500 ms"), failures.get(0));
        }
    }

    @Test
    void aReceiverThatClosesAfterEachAnswerGetsANewConnectionEachTime() throws Exception {
        RawReceiver receiver = raw(connection -> "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        Endpoint endpoint = start(EndpointConfig.of("closing", receiver.url()));
        for (int i = 0; i < 3; i++) {
            endpoint.offer(Notifications.numbered(i));
        }
        Polling.await("the events are delivered", WAIT, () -> endpoint.metrics().getSuccesses() == 3);
        assertEquals(0, endpoint.metrics().getErrors());
        assertEquals(3, receiver.connections(), "a connection the receiver said it closes is not used again");
    }

    /**
     * A receiver that closes a connection once it answered, without saying so (as servers do with connections idle
     * too long): the next event, a second later, goes on a new connection with no failed attempt in between.
     */
    @Test
    void aConnectionTheReceiverClosedWhileIdleIsCheckedBeforeItIsUsedAgain() throws Exception {
        RawReceiver receiver = raw(connection -> RawReceiver.OK + RawReceiver.THEN_CLOSE);
        Endpoint endpoint = start(EndpointConfig.of("idle", receiver.url()));
        endpoint.offer(Notifications.numbered(0));
        Polling.await("the first event is delivered", WAIT, () -> endpoint.metrics().getSuccesses() == 1);
        // what is waited for is time itself: a connection idle a second or more is checked before it is used
        long idleEnough = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1200);
        while (System.nanoTime() < idleEnough) {
            LockSupport.parkNanos(idleEnough - System.nanoTime());
        }
        endpoint.offer(Notifications.numbered(1));
        Polling.await("the second event is delivered", WAIT, () -> endpoint.metrics().getSuccesses() == 2);
        assertEquals(0, endpoint.metrics().getErrors());
        assertEquals(2, receiver.connections());
    }

    @Test
    void interimAnswersAndAChunkedBodyKeepTheConnection() throws Exception {
        RawReceiver receiver = raw(connection -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\nnoted\r\n0\r\n\r\n");
        Endpoint endpoint = start(EndpointConfig.of("chunked", receiver.url()));
        for (int i = 0; i < 3; i++) {
            endpoint.offer(Notifications.numbered(i));
        }
        Polling.await("the events are delivered", WAIT, () -> endpoint.metrics().getSuccesses() == 3);
        assertEquals(1, receiver.connections());
        assertEquals(3L, endpoint.metrics().getStatuses().get("202 Accepted"),
                endpoint.metrics().getStatuses().toString());
    }

    @Test
    void aBrokenStatusLineFailsTheAttemptNamingTheReceiverAndTheConnectionIsDropped() throws Exception {
        RawReceiver receiver = raw(connection -> connection == 1 ? "HTTP/1.1 abc\r\n\r\n" : RawReceiver.OK);
        try (LogCapture log = LogCapture.start()) {
            Endpoint endpoint = start(EndpointConfig.of("broken", receiver.url())
                    .withRetry(Duration.ofSeconds(2), 10, Duration.ofMillis(20)));
            endpoint.offer(Notifications.numbered(0));
            Polling.await("the event is delivered", WAIT, () -> endpoint.metrics().getSuccesses() == 1);
            assertEquals(1, endpoint.metrics().getErrors());
            assertEquals(2, receiver.connections());
            List<String> failures = log.containing("RN-302");
            assertEquals(1, failures.size(), log.lines().toString());
            assertTrue(failures.get(0).contains("127.0.0.1:" + receiver.url().getPort()), failures.get(0));
        }
    }

    /**
     * A receiver that answers one request twice: the second answer waits on the kept-alive connection, where it would
     * be read as the answer to the next request (which the receiver refuses), and every later answer one late. The
     * connection is dropped instead, and each request gets its own answer.
     */
    @Test
    void aSecondAnswerToOneRequestIsNeverTakenForTheAnswerToTheNext() throws Exception {
        String refused = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n";
        RawReceiver receiver = RawReceiver.byRequest(request -> request == 1 ? RawReceiver.OK + RawReceiver.OK
                : request <= 3 ? refused : RawReceiver.OK);
        closer.keep(receiver);
        Endpoint endpoint = start(EndpointConfig.of("twice", receiver.url())
                .withRetry(Duration.ofSeconds(2), 10, Duration.ofMillis(20)));
        endpoint.offer(Notifications.numbered(0));
        Polling.await("the first event is delivered", WAIT, () -> endpoint.metrics().getSuccesses() == 1);
        endpoint.offer(Notifications.numbered(1));
        Polling.await("the second event is delivered", WAIT, () -> endpoint.metrics().getSuccesses() == 2);
        assertEquals(4, receiver.requests().size(), "the second event was refused twice, then accepted");
        assertEquals(2L, endpoint.metrics().getStatuses().get("500 Internal Server Error"),
                endpoint.metrics().getStatuses().toString());
        assertEquals(2, receiver.connections(), "the connection with an answer left on it was dropped");
    }

    /**
     * A header line of 16 MiB (streamed by the receiver) would be held whole by the client, and a larger one would run
     * it out of memory: the line is given up on at 8 KiB, the attempt fails and the connection is dropped.
     */
    @Test
    void aHeaderLinePastTheLimitFailsTheAttemptAndTheNextAnswerIsTaken() throws Exception {
        RawReceiver receiver = raw(connection -> connection == 1 ? RawReceiver.HUGE_HEADER_LINE : RawReceiver.OK);
        assertFailsOnceSaying(receiver, "(Maximum line length limit exceeded");
    }

    @Test
    void moreHeaderFieldsThanTheLimitFailTheAttemptAndTheNextAnswerIsTaken() throws Exception {
        String crowded = "HTTP/1.1 200 OK\r\n" + "X-Filler: 1\r\n".repeat(1000) + "Content-Length: 0\r\n\r\n";
        RawReceiver receiver = raw(connection -> connection == 1 ? crowded : RawReceiver.OK);
        assertFailsOnceSaying(receiver, "(Maximum header count exceeded");
    }

    private void assertFailsOnceSaying(RawReceiver receiver, String cause) {
        try (LogCapture log = LogCapture.start()) {
            Endpoint endpoint = start(EndpointConfig.of("limits", receiver.url())
                    .withRetry(Duration.ofSeconds(5), 10, Duration.ofMillis(20)));
            endpoint.offer(Notifications.numbered(0));
            Polling.await("the event is delivered", WAIT, () -> endpoint.metrics().getSuccesses() == 1);
            assertEquals(1, endpoint.metrics().getErrors());
            assertEquals(2, receiver.connections(), "the connection with the oversized answer was dropped");
            List<String> failures = log.containing("RN-302");
            assertEquals(1, failures.size(), log.lines().toString());
            assertTrue(failures.get(0).contains("127.0.0.1:" + receiver.url().getPort()
                    + " sent an answer past the client's limits " + cause), failures.get(0));
        }
    }

    @Test
    void anUnreachableReceiverIsNamedWithTheCause() {
        URI url = dead();
        try (LogCapture log = LogCapture.start()) {
            Endpoint endpoint = start(EndpointConfig.of("down", url).withRetry(Duration.ofMillis(200), 1,
                    Duration.ofHours(1)));
            endpoint.offer(Notifications.numbered(0));
            Polling.await("a failed attempt", WAIT, () -> endpoint.metrics().getErrors() == 1);
            Polling.await("it is logged", WAIT, () -> !log.containing("RN-302").isEmpty());
            String line = log.containing("RN-302").get(0);
            assertTrue(line.contains("cannot connect to 127.0.0.1:" + url.getPort() + " (Connection refused)"), line);
        }
    }

    /**
     * TLS is set up when a first https connection needs it (not at start, for plain http endpoints), and it is the
     * client's default: a receiver whose certificate no one vouches for is refused, and the failure says why.
     */
    @Test
    void anHttpsReceiverIsCheckedWithTheDefaultTrustWhenFirstReached(@TempDir Path dir) throws Exception {
        try (TlsReceiver server = TlsReceiver.start(dir, "ip:127.0.0.1"); LogCapture log = LogCapture.start()) {
            URI url = server.url();
            Endpoint endpoint = start(EndpointConfig.of("tls", url).withRetry(Duration.ofSeconds(2), 1,
                    Duration.ofHours(1)));
            endpoint.offer(Notifications.numbered(0));
            Polling.await("a refused handshake", WAIT, () -> endpoint.metrics().getErrors() == 1);
            Polling.await("it is logged", WAIT, () -> !log.containing("RN-302").isEmpty());
            String line = log.containing("RN-302").get(0);
            assertTrue(line.contains("127.0.0.1:" + url.getPort()) && line.contains("certification path"), line);
            assertEquals(0, server.requests());
        }
    }

    @Test
    void aFullQueueDropsCountsAndSaysSoOnceWhileTheCallerGoesOn() {
        try (LogCapture log = LogCapture.start()) {
            Endpoint endpoint = start(EndpointConfig.of("down", dead()).withRetry(Duration.ofMillis(100), 1,
                    Duration.ofHours(1)).withQueueCapacity(10));
            for (int i = 0; i < 50; i++) {
                endpoint.offer(Notifications.numbered(i));
            }
            long pending = endpoint.metrics().getPending();
            assertTrue(pending >= 10 && pending <= 11, "the queue holds its capacity, and one in flight: " + pending);
            assertEquals(50, endpoint.metrics().getEvents() + endpoint.metrics().getDropped());
            assertEquals(pending, endpoint.metrics().getEvents());
            List<String> reports = log.containing("RN-312");
            assertEquals(1, reports.size(), "rate-limited: " + reports);
            assertTrue(reports.get(0).contains("endpoint down is full"), reports.get(0));
        }
    }

    @Test
    void aHeaderValueTheClientRefusesFailsTheStartNamingTheHeaderButNotItsValue() {
        EndpointConfig config = EndpointConfig.of("bad", dead())
                .withHeaders(Map.of("Authorization", List.of("Bearer s3cr3t-t0ken\n")));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> start(config));
        assertTrue(refused.getMessage().contains("\"Authorization\""), refused.getMessage());
        assertFalse(refused.getMessage().contains("s3cr3t"), refused.getMessage());
        assertFalse(String.valueOf(refused.getCause()).contains("s3cr3t"));
    }

    @Test
    void urlCredentialsAreSentAsBasicAuthenticationAndShownNowhere() {
        Receiver receiver = closer.keep(Receiver.start());
        URI url = URI.create("http://alice:p%40ss-w0rd@127.0.0.1:" + receiver.port() + "/events?token=t0k3n&x=1");
        try (LogCapture log = LogCapture.start()) {
            EndpointConfig config = EndpointConfig.of("creds", url);
            Endpoint endpoint = start(config);
            endpoint.offer(Notifications.numbered(0));
            receiver.awaitAccepted(1, WAIT);
            String expected = "Basic " + Base64.getEncoder().encodeToString("alice:p@ss-w0rd"
                    .getBytes(StandardCharsets.UTF_8));
            assertEquals(expected, receiver.requests().get(0).header("Authorization"), "as Go's client sends it");

            String shown = String.join("\n", config.toString(), endpoint.toString(), endpoint.metrics().getUrl(),
                    endpoint.metrics().toString(), MetricsSnapshot.json(List.of(new MetricsSnapshot.Row(endpoint.config(), endpoint.metrics()))), log.lines().toString());
            for (String secret : List.of("alice", "p%40ss", "p@ss", "t0k3n")) {
                assertFalse(shown.contains(secret), secret + " shown in:\n" + shown);
            }
            assertEquals("http://127.0.0.1:" + receiver.port() + "/<redacted>?<redacted>",
                    endpoint.metrics().getUrl());
        }
    }

    @Test
    void aConfiguredAuthorizationHeaderWinsOverUrlCredentials() {
        Receiver receiver = closer.keep(Receiver.start());
        Endpoint endpoint = start(EndpointConfig.of("both", URI.create("http://bob:pw@127.0.0.1:" + receiver.port()
                + "/events")).withHeaders(Map.of("Authorization", List.of("Bearer token"))));
        endpoint.offer(Notifications.numbered(0));
        receiver.awaitAccepted(1, WAIT);
        assertEquals("Bearer token", receiver.requests().get(0).header("Authorization"));
    }

    @Test
    void closingGivesUpOnStalledAttemptsAtTheDrainDeadlineNotAfterEachTimeout() throws Exception {
        RawReceiver silent = raw(connection -> "");
        List<Endpoint> endpoints = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            endpoints.add(start(EndpointConfig.of(name, silent.url()).withRetry(Duration.ofSeconds(60), 1,
                    Duration.ofHours(1))));
        }
        Broadcaster broadcaster = new Broadcaster(endpoints);
        broadcaster.write(Notifications.numbered(0));
        Polling.await("both attempts are in flight", WAIT, () -> silent.connections() == 2);
        Map<String, Long> undelivered = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> broadcaster.close(Duration.ofMillis(200)), "not 200 ms plus two 60 s timeouts");
        assertEquals(List.of(1L, 1L), List.copyOf(undelivered.values()));
    }
}
