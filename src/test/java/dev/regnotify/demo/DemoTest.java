package dev.regnotify.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.testing.CdEventsSchemas;
import dev.regnotify.testing.JsonDocs;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.Receiver;

/** The demo run in-process, as {@code mvn -q compile exec:java} runs it. */
class DemoTest {

    private record Run(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void defaultRunDeliversFourteenNotificationsInOrder() {
        Run run = run("--json");
        assertEquals(0, run.exit(), run.err());
        List<JsonObject> events = new ArrayList<>();
        for (String line : run.outLines()) {
            events.addAll(JsonDocs.events(JsonDocs.parse(line)));
        }
        assertEquals(14, run.outLines().size(), "one envelope per line: " + run.out());
        assertEquals(List.of("push", "push", "push", "push", "pull", "pull", "pull", "pull", "mount", "mount",
                "delete", "delete", "delete", "delete"), events.stream().map(e -> e.getString("action")).toList());
        JsonObject manifestPush = events.get(3).getJsonObject("target");
        assertEquals("application/vnd.oci.image.manifest.v1+json", manifestPush.getString("mediaType"));
        assertEquals("v1", manifestPush.getString("tag"));
        assertEquals("demo/app", events.get(8).getJsonObject("target").getString("fromRepository"));
        assertEquals("demo/other", events.get(8).getJsonObject("target").getString("repository"));
        assertEquals("v1", events.get(10).getJsonObject("target").getString("tag"));
        assertEquals(List.of("digest", "repository"), List.copyOf(events.get(11).getJsonObject("target").keySet()));
        assertEquals(List.of("repository"), List.copyOf(events.get(13).getJsonObject("target").keySet()));
        assertEquals("demo/other", events.get(13).getJsonObject("target").getString("repository"));
        assertEquals("DELETE", events.get(13).getJsonObject("request").getString("method"));
        assertEquals(14, events.stream().map(e -> e.getString("id")).distinct().count());
        assertTrue(run.err().contains("14 notifications delivered"), run.err());
    }

    @Test
    void withoutJsonTheTableGoesToStandardOutput() {
        Run run = run();
        assertEquals(0, run.exit(), run.err());
        java.util.regex.Matcher storage = java.util.regex.Pattern.compile("filesystem storage in (\\S+);")
                .matcher(run.out());
        assertTrue(storage.find(), run.out());
        assertFalse(Files.exists(Path.of(storage.group(1))), "the run's own storage is deleted when it ends");
        assertTrue(run.out().contains(" 14  delete repository demo/other"), run.out());
        assertTrue(run.out().contains("embedded receiver got 14 events in 14 envelopes: push x4, pull x4, mount x2, "
                + "delete x4"), run.out());
    }

    @Test
    void endpointsReplaceTheEmbeddedReceiverAndStorageGoesWhereAsked(@TempDir Path storage) {
        try (Receiver receiver = Receiver.start()) {
            Run run = run("--endpoint", receiver.url().toString(), "--storage", storage.toString(), "--json");
            assertEquals(0, run.exit(), run.err());
            assertEquals("", run.out(), "the embedded receiver is not used");
            assertEquals(14, receiver.acceptedIds().size());
            assertTrue(Files.isDirectory(storage.resolve("blobs/sha256")));
        }
    }

    @Test
    void configFileEndpointsAreUsedAndEndpointAddsToThem(@TempDir Path dir) throws Exception {
        try (Receiver fromFile = Receiver.start(); Receiver added = Receiver.start()) {
            Path config = dir.resolve("regnotify.json");
            Files.writeString(config, "{\"notifications\":{\"endpoints\":[{\"name\":\"file\",\"url\":\""
                    + fromFile.url() + "\",\"ignore\":{\"actions\":[\"pull\"]}}]}}");
            Run run = run("--config", config.toString(), "--endpoint", added.url().toString());
            assertEquals(0, run.exit(), run.err());
            assertEquals(10, fromFile.acceptedIds().size(), "pulls are ignored by this endpoint");
            assertEquals(14, added.acceptedIds().size());
            assertTrue(run.out().contains("24 notifications delivered"), "what the endpoints took: " + run.out());
            assertTrue(run.err().contains("regnotify demo: configuration from " + config), run.err());
        }
    }

    @Test
    void undeliveredNotificationsExitWithOne() {
        Run run = run("--endpoint", "http://127.0.0.1:" + Receiver.freePort() + "/", "--timeout", "300ms");
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("14 notifications NOT all delivered"), run.out());
        assertTrue(run.out().contains("endpoint endpoint-1: 14 events, 0 delivered, 14 pending"), run.out());
    }

    @Test
    void theTimeoutBoundsTheRunAndTheUrlsPasswordIsShownNowhere(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("regnotify.json");
        Files.writeString(config, "{\"notifications\": {\"draintimeout\": \"60s\", \"endpoints\": []}}");
        String url = "http://alice:s3cr3t@127.0.0.1:" + Receiver.freePort() + "/events?token=t0k3n";
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run("--config", config.toString(),
                "--endpoint", url, "--timeout", "300ms"), "the drain time is not waited on top of --timeout");
        assertEquals(1, run.exit(), run.out() + run.err());
        for (String secret : List.of("s3cr3t", "t0k3n", "alice")) {
            assertFalse((run.out() + run.err()).contains(secret), run.out() + run.err());
        }
        assertTrue(run.out().contains("endpoint-1 http://127.0.0.1:"), run.out());
    }

    @Test
    void aWebhookUrlsPathAndQueryAreShownNowhere() {
        String host = "http://127.0.0.1:" + Receiver.freePort();
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run("--endpoint", host
                + "/services/T0000SECRET/B0000SECRET/XXXXSECRET", "--endpoint", host + "/hook?TOKENSECRET",
                "--timeout", "300ms"));
        assertEquals(1, run.exit(), run.out() + run.err());
        assertFalse((run.out() + run.err()).contains("SECRET"), run.out() + run.err());
        assertTrue(run.out().contains("endpoint-1 " + host + "/<redacted>"), run.out());
        assertTrue(run.out().contains("endpoint-2 " + host + "/<redacted>?<redacted>"), run.out());
        assertBad("regnotify demo: --endpoint \"ftp://x/<redacted>\" is not an absolute http or https URL",
                "--endpoint", "ftp://x/services/T0000SECRET/B0000SECRET/XXXXSECRET");
    }

    @Test
    void benchReportsProducedOperationsAndAJournalKeepsThemForTheNextRun(@TempDir Path journal) {
        Run first = run("--bench", "2500", "--journal", journal.toString(), "--endpoint",
                "http://127.0.0.1:" + Receiver.freePort() + "/", "--timeout", "200ms");
        assertEquals(1, first.exit(), first.err());
        List<String> lines = first.outLines();
        assertEquals(List.of("produced=1000", "produced=2000"), lines.subList(0, 2));
        assertTrue(lines.get(2).startsWith("delivered=0 seconds="), lines.get(2));
        try (Receiver receiver = Receiver.start()) {
            Run second = run("--bench", "0", "--journal", journal.toString(), "--endpoint", receiver.url().toString());
            assertEquals(0, second.exit(), second.err());
            assertTrue(second.out().startsWith("delivered=2500 "), second.out());
            assertEquals(2500, receiver.acceptedIds().size());
        }
    }

    @Test
    void deadLettersAreListedAndReplayedFromTheJournal(@TempDir Path dir) throws Exception {
        try (Receiver receiver = Receiver.start().answering(n -> Receiver.Answer.refusal(500, "scanner\nbroken"))) {
            Path config = dir.resolve("regnotify.json");
            Files.writeString(config, "{\"notifications\":{\"journal\":{\"directory\":\""
                    + dir.resolve("journal").toString().replace("\\", "\\\\") + "\"},\"endpoints\":[{\"name\":\"scans\","
                    + "\"url\":\"" + receiver.url() + "\",\"batch\":{\"maxevents\":10},"
                    + "\"retry\":{\"initialdelay\":\"5ms\",\"maxdelay\":\"10ms\",\"maxattempts\":2}}]}}");
            Run bench = run("--bench", "20", "--repositories", "1", "--config", config.toString());
            assertTrue(bench.out().contains("delivered=0 "), bench.out() + bench.err());

            Run listed = run("--dead-letters", "--config", config.toString());
            assertEquals(0, listed.exit(), listed.err());
            List<String> lines = listed.outLines();
            assertFalse(lines.isEmpty(), listed.err());
            assertEquals(20, lines.stream().mapToInt(line -> Integer.parseInt(
                    line.replaceAll(".* events=(\\d+) .*", "$1"))).sum(), listed.out());
            assertTrue(lines.get(0).matches("endpoint=scans id=1 events=\\d+ attempts=2 first=\\S+ last=\\S+ "
                    + "ids=\\S+ error=500 Internal Server Error: scanner broken"), lines.get(0));

            receiver.answering(n -> Receiver.Answer.status(200));
            Run replay = run("--replay", "scans", "--config", config.toString(), "--timeout", "20s");
            assertEquals(0, replay.exit(), replay.err());
            assertEquals(20, receiver.acceptedIds().size());
            assertEquals(List.of(), run("--dead-letters", "--config", config.toString()).outLines());
            assertEquals(2, run("--replay", "nobody", "--config", config.toString()).exit());
        }
    }

    @Test
    void aProducingRunAndADeliveringRunShareABroker(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir); Receiver receiver = Receiver.start()) {
            Run produced = run("--bench", "300", "--batch", "50", "--broker", broker.url(), "--role", "produce",
                    "--endpoint", receiver.url().toString());
            assertEquals(0, produced.exit(), produced.err());
            assertTrue(produced.out().contains("delivered=300 "), "forwarded to the broker: " + produced.out());
            assertEquals(0, receiver.attempts(), "a producing run delivers nothing");

            Run delivered = run("--bench", "0", "--batch", "50", "--broker", broker.url(), "--role", "deliver",
                    "--endpoint", receiver.url().toString());
            assertEquals(0, delivered.exit(), delivered.err());
            assertTrue(delivered.out().startsWith("delivered=300 "), delivered.out());
            assertEquals(300, receiver.acceptedIds().size());
        }
    }

    @Test
    void aRoleNeedsABroker() {
        assertBad("regnotify demo: --role needs a broker: --broker URL, or a --config file with "
                + "notifications.queue", "--role", "deliver");
        assertBad("regnotify demo: --role \"all\" is not one of produce, deliver, both", "--role", "all");
    }

    @Test
    void deadLettersNeedAJournal() {
        Run run = run("--dead-letters");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--dead-letters needs a journal: --journal DIR, or a --config file with a "
                + "journal"), run.err());
    }

    @Test
    void aRegistrysConfigYmlIsTakenAsItIs(@TempDir Path dir) throws Exception {
        try (Receiver receiver = Receiver.start()) {
            Path config = dir.resolve("config.yml");
            Files.writeString(config, "version: 0.1\nstorage:\n  inmemory: {}\nnotifications:\n  endpoints:\n"
                    + "    - name: yaml\n      url: " + receiver.url() + "\n      timeout: 2s\n");
            Run run = run("--config", config.toString());
            assertEquals(0, run.exit(), run.err());
            assertEquals(14, receiver.acceptedIds().size());
        }
    }

    @Test
    void theFormatOptionSendsCloudEvents() {
        Run run = run("--format", "cloudevents", "--json");
        assertEquals(0, run.exit(), run.err());
        assertEquals(14, run.outLines().size(), run.out());
        for (String line : run.outLines()) {
            JsonObject event = JsonDocs.parse(line);
            assertEquals("1.0", event.getString("specversion"), line);
            assertTrue(event.getString("type").startsWith("dev.regnotify."), line);
        }
        List<String> subjects = run.outLines().stream().map(l -> JsonDocs.parse(l).getString("subject")).toList();
        assertEquals("demo/app:v1", subjects.get(10), "a tag's deletion names the tag");
        assertEquals("demo/other", subjects.get(13), "a repository's deletion names the repository");
        assertBad("regnotify demo: --format \"v9\" is not one of v1, v2, cloudevents, cloudevents-batch, cdevents, "
                + "cdevents-batch",
                "--format", "v9");
    }

    @Test
    void theFormatOptionSendsCdEventsOfTheManifestsAndSkipsTheRest() {
        Run run = run("--format", "cdevents", "--json");
        assertEquals(0, run.exit(), run.err());
        List<JsonObject> events = run.outLines().stream().map(JsonDocs::parse).toList();
        assertEquals(List.of("dev.cdevents.artifact.published.0.3.0", "dev.cdevents.artifact.downloaded.0.2.0",
                "dev.cdevents.artifact.deleted.0.2.0"), events.stream().map(e -> e.getString("type")).toList());
        for (JsonObject event : events) {
            String data = event.getJsonObject("data").toString();
            assertEquals(List.of(), CdEventsSchemas.errors(event.getString("type"), data), data);
            assertTrue(event.getString("subject").matches("pkg:oci/app@sha256%3A[0-9a-f]{64}"
                    + "\\?repository_url=localhost:5000/demo/app"), event.getString("subject"));
        }
        assertTrue(run.err().contains("14 events, 3 delivered, 11 skipped (not in its format), 0 pending"), run.err());
        assertTrue(run.err().contains("3 notifications delivered"), run.err());
    }

    @Test
    void signingSecretsSignEveryEndpointsEnvelopes() {
        try (Receiver receiver = Receiver.start()) {
            Run run = run("--endpoint", receiver.url().toString(), "--signing-secret",
                    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
            assertEquals(0, run.exit(), run.err());
            assertEquals(14, receiver.requests().size());
            assertTrue(receiver.requests().stream().allMatch(r -> r.header("webhook-signature").startsWith("v1,")
                    && r.header("webhook-id").startsWith("msg_")), "every envelope signed");
            assertFalse((run.out() + run.err()).contains("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        }
    }

    @Test
    void badArgumentsNameTheArgumentShowTheUsageAndExitWithTwo() {
        assertBad("regnotify demo: unknown argument \"--frobnicate\"", "--frobnicate");
        assertBad("regnotify demo: --signing-secret: secret 0 is not whsec_ followed by a base64 key (the value is "
                + "not shown: it is a secret)", "--signing-secret", "s3cr3t");
        assertBad("regnotify demo: --endpoint needs a URL", "--endpoint");
        assertBad("regnotify demo: --endpoint \"ftp://x\" is not an absolute http or https URL", "--endpoint",
                "ftp://x");
        assertBad("regnotify demo: --timeout \"5 sec\" is not a duration", "--timeout", "5 sec");
        assertBad("regnotify demo: ", "--config", "/nonexistent/regnotify.json");
        assertBad("regnotify demo: --bench \"-1\" is not a whole number of 0 or more", "--bench", "-1");
        assertBad("regnotify demo: --batch \"0\" is not a whole number of 1 or more", "--batch", "0");
        assertBad("regnotify demo: --serve \"70000\" is not a port (0 to 65535)", "--serve", "70000");
    }

    @Test
    void helpShowsTheUsage() {
        Run run = run("--help");
        assertEquals(0, run.exit());
        assertTrue(run.out().startsWith("usage: mvn -q compile exec:java"), run.out());
    }

    private static void assertBad(String firstLine, String... args) {
        Run run = run(args);
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        String[] lines = run.err().split("\n");
        assertTrue(lines[0].startsWith(firstLine), lines[0]);
        assertTrue(lines[1].startsWith("usage: "), run.err());
    }
}
