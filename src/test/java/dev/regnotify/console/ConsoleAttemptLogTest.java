package dev.regnotify.console;

import static dev.regnotify.console.ConsoleFixture.TWO_ATTEMPTS;
import static dev.regnotify.console.ConsoleFixture.VIEWER;
import static dev.regnotify.console.ConsoleFixture.assertError;
import static dev.regnotify.console.ConsoleFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.EndpointConfigBuilder;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;

/**
 * The console's API over the endpoints' attempt logs: attempts with the receiver's answers, an event's trace, the last
 * success and failure, the rates; real endpoints delivering to receivers on 127.0.0.1.
 */
class ConsoleAttemptLogTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final Closer closer = new Closer();
    private final ConsoleFixture console = closer.keep(new ConsoleFixture());

    private static EndpointConfigBuilder endpoint(String name, URI url) {
        return EndpointConfig.builder(name, url).retry(TWO_ATTEMPTS);
    }

    @Test
    void attemptsShowTheReceiversAnswerAndWhatFollowedNewestFirst() {
        Receiver receiver = console.receiver().answering(n -> n == 1
                ? new Answer(503, null, "1", false, Duration.ZERO, "busy <img src=x onerror=alert(1)>")
                : Answer.status(202));
        URI secretUrl = URI.create("http://alice:pw-secret@127.0.0.1:" + receiver.port() + "/hook/path-secret"
                + "?token=query-secret");
        console.start(List.of(EndpointConfig.builder("scanner", secretUrl).retry(RetryConfig.exponential(
                Duration.ofMillis(5), Duration.ofMillis(20))).headers(Map.of("X-Key", List.of("header-secret")))
                .build()));
        console.endpoint("scanner").offer(Notifications.numbered(1));
        receiver.awaitAccepted(1, WAIT);

        HttpResponse<String> response = console.call("GET", "/console/api/endpoints/scanner/attempts?limit=10",
                VIEWER);
        var attempts = json(response, 200).getJsonArray("attempts");
        assertEquals(2, attempts.size(), response.body());
        JsonObject delivered = attempts.getJsonObject(0);
        assertEquals("succeeded", delivered.getString("outcome"));
        assertEquals(202, delivered.getInt("status"));
        assertEquals(2, delivered.getInt("attempt"));
        assertEquals("", delivered.getString("next"));
        assertEquals(List.of(Notifications.id(1)), delivered.getJsonArray("eventIds").getValuesAs(
                JsonString.class).stream().map(JsonString::getString).toList());
        assertEquals(receiver.requests().get(1).body().length, delivered.getInt("bytes"));
        JsonObject refused = attempts.getJsonObject(1);
        assertEquals("failed", refused.getString("outcome"));
        assertEquals(503, refused.getInt("status"));
        assertEquals(1, refused.getInt("attempt"));
        assertEquals("503 Service Unavailable: busy <img src=x onerror=alert(1)>", refused.getString("answer"));
        assertEquals("1", refused.getString("retryAfter"));
        assertTrue(refused.getString("next").startsWith("retry at 20"), refused.getString("next"));
        assertTrue(refused.getJsonNumber("durationMs").doubleValue() >= 0);
        assertEquals(1, json(console.call("GET", "/console/api/endpoints/scanner/attempts?outcome=failed", VIEWER),
                200).getJsonArray("attempts").size());
        assertEquals(202, json(console.call("GET", "/console/api/endpoints/scanner/attempts?limit=1", VIEWER), 200)
                .getJsonArray("attempts").getJsonObject(0).getInt("status"), "the newest first");
        for (String secret : List.of("pw-secret", "alice", "path-secret", "query-secret", "header-secret")) {
            assertFalse(response.body().contains(secret), secret + " in " + response.body());
        }
    }

    @Test
    void anUnreachableReceiverIsNamedByHostAndPortAndTheEndpointShowsItsLastSuccessAndFailure() {
        int closed = Receiver.freePort();
        Receiver receiver = console.receiver();
        console.start(List.of(endpoint("down", URI.create("http://bob:pw-secret@127.0.0.1:" + closed
                + "/path-secret?token=query-secret")).build(), endpoint("up", receiver.url()).build()));
        console.endpoint("down").offer(Notifications.numbered(1));
        console.endpoint("up").offer(Notifications.numbered(2));
        receiver.awaitAccepted(1, WAIT);
        Polling.await("a dead letter", WAIT, () -> console.endpoint("down").metrics().getDeadLetters() == 1);

        HttpResponse<String> response = console.call("GET", "/console/api/endpoints/down/attempts", VIEWER);
        JsonObject failed = json(response, 200).getJsonArray("attempts").getJsonObject(0);
        assertEquals(0, failed.getInt("status"));
        assertTrue(failed.getString("answer").contains("127.0.0.1:" + closed), failed.getString("answer"));
        assertEquals("dead letter", failed.getString("next"));
        for (String secret : List.of("pw-secret", "bob", "path-secret", "query-secret")) {
            assertFalse(response.body().contains(secret), secret + " in " + response.body());
        }
        JsonObject down = json(console.call("GET", "/console/api/endpoints/down", VIEWER), 200);
        assertTrue(down.isNull("lastSuccess"));
        assertTrue(down.getJsonObject("lastFailure").getString("error").contains("127.0.0.1:" + closed));
        JsonObject up = json(console.call("GET", "/console/api/endpoints/up", VIEWER), 200);
        assertTrue(up.getString("lastSuccess").startsWith("20"), up.toString());
        assertTrue(up.isNull("lastFailure"));
        assertTrue(console.endpoint("down").metrics().getLastError().contains("127.0.0.1:" + closed));
        assertEquals("", console.endpoint("up").metrics().getLastError());
    }

    @Test
    void anEventIsTracedOnEveryEndpointThatCarriedIt() {
        Receiver first = console.receiver();
        Receiver second = console.receiver().answering(n -> n == 1 ? Answer.status(500) : Answer.status(200));
        console.start(List.of(endpoint("scanner", first.url()).build(), endpoint("audit", second.url()).build()));
        for (Endpoint endpoint : List.of(console.endpoint("scanner"), console.endpoint("audit"))) {
            endpoint.offer(Notifications.numbered(1));
            endpoint.offer(Notifications.numbered(2));
        }
        first.awaitAccepted(2, WAIT);
        second.awaitAccepted(2, WAIT);

        JsonObject trace = json(console.call("GET", "/console/api/events/" + Notifications.id(1), VIEWER), 200);
        RegistryEvent event = Notifications.numbered(1);
        assertEquals(Notifications.id(1), trace.getString("id"));
        assertEquals(event.getClass().getSimpleName(), trace.getString("type"));
        assertEquals(event.action().wireName(), trace.getString("action"));
        assertEquals(event.repository().toString(), trace.getString("repository"));
        assertEquals(event.target().orElseThrow().digest().toString(), trace.getString("digest"));
        assertTrue(Instant.parse(trace.getString("timestamp")).isBefore(Instant.now()), trace.toString());
        var attempts = trace.getJsonArray("attempts");
        assertEquals(3, attempts.size(), trace.toString());
        assertEquals(List.of("audit", "audit", "scanner"), attempts.getValuesAs(JsonObject.class).stream()
                .map(a -> a.getString("endpoint")).sorted().toList());
        assertError(console.call("GET", "/console/api/events/no-such-event", VIEWER), 404, "unknown-event");
    }

    @Test
    void ratesCountEachEndpointsSuccessesAndFailuresWithTheirLatency() {
        Receiver receiver = console.receiver().answering(n -> n == 1 ? Answer.status(500) : Answer.status(200));
        console.start(List.of(endpoint("scanner", receiver.url()).build()));
        console.endpoint("scanner").offer(Notifications.numbered(1));
        receiver.awaitAccepted(1, WAIT);

        JsonObject rates = json(console.call("GET", "/console/api/rates?window=15m", VIEWER), 200);
        assertEquals(10_000, rates.getInt("bucketMs"));
        JsonObject scanner = rates.getJsonArray("endpoints").getJsonObject(0);
        assertEquals("scanner", scanner.getString("name"));
        var buckets = scanner.getJsonArray("buckets").getValuesAs(JsonObject.class);
        assertEquals(90, buckets.size());
        assertEquals(1, buckets.stream().mapToLong(b -> b.getInt("successes")).sum());
        assertEquals(1, buckets.stream().mapToLong(b -> b.getInt("failures")).sum());
        assertTrue(buckets.stream().filter(b -> b.getInt("successes") + b.getInt("failures") > 0)
                .allMatch(b -> !b.isNull("p50Ms") && !b.isNull("p99Ms")));
        assertTrue(buckets.stream().filter(b -> b.getInt("successes") + b.getInt("failures") == 0)
                .allMatch(b -> b.isNull("p50Ms")));
    }
}
