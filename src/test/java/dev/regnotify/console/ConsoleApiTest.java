package dev.regnotify.console;

import static dev.regnotify.console.ConsoleFixture.OPERATOR;
import static dev.regnotify.console.ConsoleFixture.TWO_ATTEMPTS;
import static dev.regnotify.console.ConsoleFixture.VIEWER;
import static dev.regnotify.console.ConsoleFixture.assertError;
import static dev.regnotify.console.ConsoleFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.EndpointConfigBuilder;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.DeadLetters;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;

/** The console's HTTP API over real endpoints that deliver to receivers on 127.0.0.1. */
class ConsoleApiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final Closer closer = new Closer();
    private final ConsoleFixture console = closer.keep(new ConsoleFixture());

    /** A receiver that refuses everything with 500 and a body, and one endpoint to it whose letters die quickly. */
    private Receiver failing() {
        return console.receiver().answering(n -> Answer.refusal(500, "database is down"));
    }

    private static EndpointConfigBuilder endpoint(String name, URI url) {
        return EndpointConfig.builder(name, url).retry(TWO_ATTEMPTS);
    }

    private Endpoint deadLetterOn(String name) {
        Endpoint endpoint = console.endpoint(name);
        endpoint.offer(Notifications.numbered(1));
        Polling.await("a dead letter", WAIT, () -> !new DeadLetters(List.of(endpoint)).list()
                .isEmpty());
        return endpoint;
    }

    @Test
    void endpointsShowStateCountersAndTheReceiversStatusWithNoSecret() {
        Receiver receiver = failing();
        URI secretUrl = URI.create("http://alice:pw-secret@127.0.0.1:" + receiver.port() + "/hook/path-secret"
                + "?token=query-secret");
        console.start(List.of(endpoint("scanner", secretUrl)
                .headers(Map.of("Authorization", List.of("Bearer header-secret"))).build()));
        deadLetterOn("scanner");

        HttpResponse<String> response = console.call("GET", "/console/api/endpoints", VIEWER);
        JsonObject scanner = json(response, 200).getJsonArray("endpoints").getJsonObject(0);
        assertEquals("scanner", scanner.getString("name"));
        assertEquals("http://127.0.0.1:" + receiver.port() + "/<redacted>?<redacted>", scanner.getString("url"));
        assertEquals("idle", scanner.getString("state"), "its only envelope is a dead letter: nothing pending");
        assertEquals(2, scanner.getJsonObject("statuses").getInt("500 Internal Server Error"));
        assertEquals(1, scanner.getJsonObject("counters").getInt("deadLetters"));
        JsonObject lastFailure = scanner.getJsonObject("lastFailure");
        assertEquals(500, lastFailure.getInt("status"));
        assertTrue(lastFailure.getString("error").contains("database is down"), lastFailure.toString());
        for (String secret : List.of("pw-secret", "alice", "path-secret", "query-secret", "header-secret")) {
            assertFalse(response.body().contains(secret), secret + " in " + response.body());
        }
    }

    @Test
    void anEndpointWithEventsToSendAfterFailuresIsBackingOff() {
        Receiver receiver = console.receiver().answering(n -> Answer.status(503));
        console.start(List.of(EndpointConfig.builder("slow", receiver.url()).retry(
                RetryConfig.exponential(Duration.ofMinutes(1), Duration.ofMinutes(1))).build()));
        console.endpoint("slow").offer(Notifications.numbered(1));
        Polling.await("a failed attempt", WAIT, () -> receiver.attempts() >= 1);
        // the counters hear the answer before the sender decides what follows and logs the attempt with it
        Polling.await("the attempt logged", WAIT, () -> console.endpoint("slow").attempts().last() != null);

        JsonObject slow = json(console.call("GET", "/console/api/endpoints/slow", VIEWER), 200);
        assertEquals("backing-off", slow.getString("state"));
        assertEquals(1, slow.getInt("pending"));
    }

    @Test
    void anOperatorReplaysOneDeadLetterAndItsReceiverGetsTheEventWithItsId() {
        Receiver receiver = failing();
        console.start(List.of(endpoint("scanner", receiver.url()).build()));
        deadLetterOn("scanner");
        JsonObject letter = json(console.call("GET", "/console/api/endpoints/scanner/dead-letters", VIEWER), 200)
                .getJsonArray("deadLetters").getJsonObject(0);
        assertEquals(Notifications.id(1), letter.getJsonArray("events").getJsonObject(0).getString("id"));
        assertTrue(letter.getString("lastError").contains("database is down"));
        receiver.answering(n -> Answer.status(200));

        JsonObject replayed = json(console.call("POST", "/console/api/endpoints/scanner/dead-letters/replay?id="
                + letter.getJsonNumber("id").longValue(), OPERATOR), 200);

        assertEquals(1, replayed.getInt("replayed"));
        receiver.awaitAccepted(1, WAIT);
        assertEquals(List.of(Notifications.id(1)), receiver.acceptedIds());
        Polling.await("the letter gone", WAIT, () -> console.call("GET",
                "/console/api/endpoints/scanner/dead-letters", VIEWER).body().equals("{\"deadLetters\":[]}"));
    }

    @Test
    void anOperatorReplaysEveryDeadLetterAndPurges() {
        Receiver receiver = failing();
        console.start(List.of(endpoint("scanner", receiver.url()).build()));
        deadLetterOn("scanner");
        assertEquals(404, console.call("POST", "/console/api/endpoints/scanner/dead-letters/replay?id=999",
                OPERATOR).statusCode());
        assertError(console.call("POST", "/console/api/endpoints/scanner/dead-letters/replay?id=x", OPERATOR), 400,
                "bad-id");

        JsonObject purged = json(console.call("DELETE", "/console/api/endpoints/scanner/dead-letters", OPERATOR),
                200);

        assertEquals(1, purged.getInt("purged"));
        assertEquals(0, json(console.call("POST", "/console/api/endpoints/scanner/dead-letters/replay", OPERATOR),
                200).getInt("replayed"));
    }

    @Test
    void aViewerReadsButEveryChangeIsForbiddenAndChangesNothing() {
        Receiver receiver = failing();
        console.start(List.of(endpoint("scanner", receiver.url()).build()));
        deadLetterOn("scanner");
        receiver.answering(n -> Answer.status(200));
        int attempts = receiver.attempts();

        assertError(console.call("POST", "/console/api/endpoints/scanner/dead-letters/replay", VIEWER), 403,
                "forbidden");
        assertError(console.call("DELETE", "/console/api/endpoints/scanner/dead-letters", VIEWER), 403, "forbidden");
        assertError(console.call("POST", "/console/api/endpoints/scanner/enable", VIEWER), 403, "forbidden");

        assertEquals("viewer", json(console.call("GET", "/console/api/session", VIEWER), 200).getString("role"));
        assertEquals(1, json(console.call("GET", "/console/api/endpoints/scanner/dead-letters", VIEWER), 200)
                .getJsonArray("deadLetters").size());
        assertEquals(attempts, receiver.attempts(), "nothing was sent again");
    }

    @Test
    void withoutAKnownTokenEveryPathAnswers401() {
        console.start(List.of(endpoint("scanner", console.receiver().url()).build()));
        for (String token : new String[] {null, "not-a-token-of-ours-at-all", OPERATOR + "x"}) {
            HttpResponse<String> response = console.call("GET", "/console/api/endpoints", token);
            assertError(response, 401, "unauthorized");
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        }
        assertEquals(401, console.call("DELETE", "/console/api/endpoints/scanner/dead-letters", null).statusCode());
    }

    @Test
    void aTokenInTheQueryIsRefusedEvenWithAGoodHeaderAndChangesNothing() {
        Receiver receiver = failing();
        console.start(List.of(endpoint("scanner", receiver.url()).build()));
        deadLetterOn("scanner");

        HttpResponse<String> response = console.call("DELETE", "/console/api/endpoints/scanner/dead-letters?token="
                + OPERATOR, OPERATOR);

        assertError(response, 400, "token-in-query");
        assertFalse(response.body().contains(OPERATOR));
        assertError(console.call("GET", "/console/api/endpoints?access_token=abc", null), 400, "token-in-query");
        assertEquals(1, console.endpoint("scanner").metrics().getDeadLetters());
    }

    @Test
    void aBodyOver64KiBIsRefusedAndChangesNothing() {
        Receiver receiver = failing();
        console.start(List.of(endpoint("scanner", receiver.url()).build()));
        deadLetterOn("scanner");

        HttpResponse<String> response = console.call("DELETE", "/console/api/endpoints/scanner/dead-letters",
                OPERATOR, HttpRequest.BodyPublishers.ofString("x".repeat(64 * 1024 + 1)));

        assertError(response, 413, "body-too-large");
        assertEquals(1, console.endpoint("scanner").metrics().getDeadLetters());
        assertEquals(200, console.call("DELETE", "/console/api/endpoints/scanner/dead-letters", OPERATOR,
                HttpRequest.BodyPublishers.ofString("x".repeat(1024))).statusCode(), "a small body is taken");
    }

    @Test
    void badInputGetsAJsonErrorThatQuotesNoQueryValue() {
        console.start(List.of(endpoint("scanner", console.receiver().url()).build()));

        assertError(console.call("GET", "/console/api/endpoints/nobody", VIEWER), 404, "unknown-endpoint");
        assertError(console.call("GET", "/console/api/endpoints/nobody/dead-letters", VIEWER), 404,
                "unknown-endpoint");
        assertError(console.call("GET", "/console/api/no/such/path", VIEWER), 404, "not-found");
        HttpResponse<String> wrongMethod = console.call("PUT", "/console/api/endpoints/scanner/enable", OPERATOR);
        assertError(wrongMethod, 405, "method-not-allowed");
        assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElse(""));
        assertError(console.call("GET", "/console/api/endpoints/scanner/attempts?limit=1000000", VIEWER), 400,
                "bad-limit");
        assertError(console.call("GET", "/console/api/endpoints/scanner/attempts?outcome=maybe", VIEWER), 400,
                "bad-outcome");
        HttpResponse<String> badTime = console.call("POST", "/console/api/endpoints/scanner/replay?since="
                + "yesterday-secret-words", OPERATOR);
        assertError(badTime, 400, "bad-time");
        assertFalse(badTime.body().contains("secret-words"), badTime.body());
        assertError(console.call("GET", "/console/api/rates?window=3d", VIEWER), 400, "bad-window");
    }

    @Test
    void aReplaySinceWithoutAJournalIsRefusedAndOfAnUnknownEndpointIsNotFound() {
        console.start(List.of(endpoint("scanner", console.receiver().url()).build()));

        assertError(console.call("POST", "/console/api/endpoints/scanner/replay?since=2026-12-03T14:00:00Z",
                OPERATOR), 409, "no-journal");
        assertError(console.call("POST", "/console/api/endpoints/nobody/replay?since=2026-12-03T14:00:00Z",
                OPERATOR), 404, "unknown-endpoint");
    }

    @Test
    void anOperatorEnablesAnEndpointThatAGoneReceiverDisabled() {
        Receiver receiver = console.receiver().answering(n -> n == 1 ? Answer.status(410) : Answer.status(200));
        console.start(List.of(endpoint("gone", receiver.url()).retry(RetryConfig.exponential(
                Duration.ofMillis(5), Duration.ofMillis(20))).build()));
        console.endpoint("gone").offer(Notifications.numbered(1));
        Polling.await("disabled", WAIT, () -> console.endpoint("gone").isDisabled());
        assertEquals("disabled", json(console.call("GET", "/console/api/endpoints/gone", VIEWER), 200)
                .getString("state"));

        assertTrue(json(console.call("POST", "/console/api/endpoints/gone/enable", OPERATOR), 200)
                .getBoolean("enabled"));

        receiver.awaitAccepted(1, WAIT);
        assertFalse(json(console.call("POST", "/console/api/endpoints/gone/enable", OPERATOR), 200)
                .getBoolean("enabled"), "enabled already");
    }

    @Test
    void aClientThatStallsMidRequestHoldsNoDeliveryAndNoOtherRequest() throws Exception {
        Receiver receiver = console.receiver();
        console.start(List.of(endpoint("scanner", receiver.url()).build()));
        try (Socket stalled = new Socket(InetAddress.getLoopbackAddress(), URI.create(console.base()).getPort())) {
            OutputStream out = stalled.getOutputStream();
            out.write(("POST /console/api/endpoints/scanner/dead-letters/replay HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + OPERATOR + "\r\nContent-Length: 1000\r\n\r\nsome")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            console.endpoint("scanner").offer(Notifications.numbered(1));

            receiver.awaitAccepted(1, WAIT);
            assertEquals(1, json(console.call("GET", "/console/api/endpoints/scanner", VIEWER), 200)
                    .getJsonObject("counters").getInt("successes"));
        }
    }

    @Test
    void thePageIsServedFromTheJarWithAPolicyThatRunsOnlyItsOwnScript() {
        console.start(List.of());
        HttpResponse<String> page = console.call("GET", "/console/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"console.js\""));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertEquals(200, console.call("GET", "/console/console.js", null).statusCode());
        assertEquals(404, console.call("GET", "/console/../pom.xml", null).statusCode());
        assertEquals(404, console.call("GET", "/console/secret.txt", null).statusCode());
        assertEquals(405, console.call("POST", "/console/", null).statusCode());
    }
}
