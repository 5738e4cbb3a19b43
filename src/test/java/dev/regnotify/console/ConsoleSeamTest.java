package dev.regnotify.console;

import static dev.regnotify.console.ConsoleFixture.OPERATOR;
import static dev.regnotify.console.ConsoleFixture.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.JsonDocs;
import dev.regnotify.testing.Notifications;

/**
 * The API's paths for what the endpoints do not keep yet (attempts, an event's trace, replay since, rates), against
 * a source that has them: the seam the attempt log and the journal's retention plug into. The source is a small
 * stand-in for those parts only; the endpoints, dead letters and HTTP are real.
 */
class ConsoleSeamTest {

    private static final Instant T0 = Instant.parse("2026-12-03T14:00:00Z");

    @RegisterExtension
    final Closer closer = new Closer();
    private final ConsoleFixture console = closer.keep(new ConsoleFixture());
    private final List<String> asked = new ArrayList<>();

    /** The endpoints' source, with the parts to come answered from fixed values, and what it was asked noted. */
    private final class WithLog implements ConsoleSource {

        private final ConsoleSource real;

        WithLog(ConsoleSource real) {
            this.real = real;
        }

        @Override
        public List<EndpointView> endpoints() {
            return real.endpoints();
        }

        @Override
        public EndpointView endpoint(String name) {
            return real.endpoint(name);
        }

        @Override
        public List<DeadLetter> deadLetters(String name) {
            return real.deadLetters(name);
        }

        @Override
        public int replayDeadLetters(String name) {
            return real.replayDeadLetters(name);
        }

        @Override
        public boolean replayDeadLetter(String name, long id) {
            return real.replayDeadLetter(name, id);
        }

        @Override
        public int purgeDeadLetters(String name) {
            return real.purgeDeadLetters(name);
        }

        @Override
        public boolean enable(String name) {
            return real.enable(name);
        }

        @Override
        public boolean disable(String name) {
            real.endpoint(name);
            asked.add("disable " + name);
            return true;
        }

        @Override
        public List<AttemptView> attempts(String name, int limit, AttemptView.Outcome outcome) {
            real.endpoint(name);
            asked.add("attempts " + name + " " + limit + " " + outcome);
            List<AttemptView> attempts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                attempts.add(attempt(name, i));
            }
            return attempts;
        }

        @Override
        public Optional<EventTrace> event(String id) {
            asked.add("event " + id);
            return id.equals(Notifications.id(1))
                    ? Optional.of(new EventTrace(Notifications.numbered(1), List.of(attempt("scanner", 0))))
                    : Optional.empty();
        }

        @Override
        public long replaySince(String name, Instant since) {
            real.endpoint(name);
            asked.add("replay " + name + " " + since);
            return 7;
        }

        @Override
        public Rates rates(Duration window) {
            asked.add("rates " + window);
            return new Rates(T0, Duration.ofMinutes(1), List.of(new Rates.Series("scanner", List.of(
                    new Rates.Bucket(10, 2, Duration.ofMillis(12), Duration.ofMillis(80)),
                    new Rates.Bucket(0, 0, null, null)))));
        }
    }

    private static AttemptView attempt(String endpoint, int i) {
        return new AttemptView(endpoint, T0.minusSeconds(i), Duration.ofMillis(40), i + 1,
                List.of(Notifications.id(1)), 512, false, 503, "503 Service Unavailable\n<b>busy</b>", "30",
                "retry at " + T0.plusSeconds(30));
    }

    private void start() {
        console.start(List.of(EndpointConfig.of("scanner", console.receiver().url())), WithLog::new);
    }

    private JsonObject json(String method, String path, String token) {
        var response = console.call(method, path, token);
        assertEquals(200, response.statusCode(), response.body());
        return JsonDocs.parse(response.body());
    }

    @Test
    void attemptsComeNewestFirstWithTheLimitAndOutcomeAsked() {
        start();
        JsonObject answer = json("GET", "/console/api/endpoints/scanner/attempts?limit=2&outcome=failed", VIEWER);

        assertEquals(List.of("attempts scanner 2 FAILED"), asked);
        assertEquals(2, answer.getJsonArray("attempts").size(), "the limit holds even if the source gives more");
        JsonObject first = answer.getJsonArray("attempts").getJsonObject(0);
        assertEquals("2026-12-03T14:00:00Z", first.getString("start"));
        assertEquals("failed", first.getString("outcome"));
        assertEquals(503, first.getInt("status"));
        assertEquals("503 Service Unavailable\n<b>busy</b>", first.getString("answer"));
        assertEquals(40, first.getInt("durationMs"));
        assertEquals(Notifications.id(1), first.getJsonArray("eventIds").getString(0));
    }

    @Test
    void anEventShowsEveryAttemptThatCarriedItOrIsUnknown() {
        start();
        JsonObject trace = json("GET", "/console/api/events/" + Notifications.id(1), VIEWER);

        assertEquals(Notifications.id(1), trace.getString("id"));
        assertEquals("push", trace.getString("action"));
        assertEquals("scanner", trace.getJsonArray("attempts").getJsonObject(0).getString("endpoint"));
        var unknown = console.call("GET", "/console/api/events/nothing-like-it", VIEWER);
        assertEquals(404, unknown.statusCode());
        assertEquals("unknown-event", JsonDocs.parse(unknown.body()).getString("code"));
    }

    @Test
    void replaySinceTakesAnRfc3339TimeWithAnyOffset() {
        start();
        JsonObject replayed = json("POST", "/console/api/endpoints/scanner/replay?since=2026-12-03T15:00:00%2B01:00",
                OPERATOR);

        assertTrue(replayed.getBoolean("replaying"));
        assertEquals(7, replayed.getInt("bytes"));
        assertEquals(List.of("replay scanner " + T0), asked);
        assertEquals(403, console.call("POST", "/console/api/endpoints/scanner/replay?since=2026-12-03T14:00:00Z",
                VIEWER).statusCode());
        assertEquals(List.of("replay scanner " + T0), asked, "a viewer's request never reached the source");
    }

    @Test
    void ratesComeInBucketsForTheWindowAsked() {
        start();
        JsonObject rates = json("GET", "/console/api/rates?window=1h", VIEWER);

        assertEquals(List.of("rates PT1H"), asked);
        assertEquals(60_000, rates.getInt("bucketMs"));
        JsonObject bucket = rates.getJsonArray("endpoints").getJsonObject(0).getJsonArray("buckets").getJsonObject(0);
        assertEquals(10, bucket.getInt("successes"));
        assertEquals(80, bucket.getInt("p99Ms"));
        assertTrue(rates.getJsonArray("endpoints").getJsonObject(0).getJsonArray("buckets").getJsonObject(1)
                .isNull("p50Ms"));
        json("GET", "/console/api/rates", VIEWER);
        assertEquals("rates PT15M", asked.get(1), "15 minutes unless asked");
    }

    @Test
    void disableReachesTheSourceForOperatorsOnly() {
        start();
        assertTrue(json("POST", "/console/api/endpoints/scanner/disable", OPERATOR).getBoolean("disabled"));
        assertEquals(403, console.call("POST", "/console/api/endpoints/scanner/disable", VIEWER).statusCode());
        assertEquals(List.of("disable scanner"), asked);
    }
}
