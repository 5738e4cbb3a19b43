package dev.regnotify.console;

import static dev.regnotify.console.ConsoleFixture.OPERATOR;
import static dev.regnotify.console.ConsoleFixture.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.management.ObjectName;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.metrics.JmxRegistration;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.BlobPushed;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.JsonDocs;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;

/** Replay since a time and disable, through the console's API, over a real journal, endpoint and receiver. */
class ConsoleReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    // a minute apart, ending a minute ago: kept by a retention of an hour
    private static final Instant T0 = Instant.now().minus(Duration.ofMinutes(11));

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();
    private final ConsoleFixture console = closer.keep(new ConsoleFixture());

    private static RegistryEvent event(int n) {
        EventMetadata meta = new EventMetadata(String.format("event-%06d", n), T0.plus(Duration.ofMinutes(n)),
                new RequestRecord("req", "", "", "PUT", "test"), ActorRecord.ANONYMOUS, new SourceRecord("src", "i"));
        return new BlobPushed(meta, RepositoryName.of("team/app"), new Descriptor("application/octet-stream", 10,
                Digest.parse("sha256:" + "2".repeat(64))));
    }

    private Receiver startWithJournal(Duration retention) {
        Receiver receiver = console.receiver();
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withJournal(new JournalConfig(dir,
                JournalConfig.Fsync.INTERVAL, Duration.ofMillis(20), 1 << 20, 4096, retention))
                .withEndpoints(List.of(EndpointConfig.builder("scanner", receiver.url()).build()));
        console.start(config, source -> source);
        return receiver;
    }

    private static List<String> ids(Receiver receiver) {
        return receiver.acceptedEvents().stream().map(e -> e.getString("id")).toList();
    }

    private static JsonObject json(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        return JsonDocs.parse(response.body());
    }

    @Test
    void anOperatorReplaysSinceATimeAndTheReceiverGetsThoseEventsAgainWithTheirIdsInOrder() {
        Receiver receiver = startWithJournal(Duration.ofHours(1));
        List<String> sent = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            console.write(event(n));
            sent.add(event(n).id());
        }
        Polling.await("delivered", WAIT, () -> ids(receiver).size() == 10);

        JsonObject answer = json(console.call("POST", "/console/api/endpoints/scanner/replay?since="
                + T0.plus(Duration.ofMinutes(6)), OPERATOR), 200);

        assertTrue(answer.getBoolean("replaying"), answer.toString());
        assertTrue(answer.getJsonNumber("bytes").longValue() > 0, answer.toString());
        List<String> expected = new ArrayList<>(sent);
        expected.addAll(sent.subList(6, 10));
        Polling.await("replayed", WAIT, () -> ids(receiver).size() >= expected.size());
        assertEquals(expected, ids(receiver));
        assertEquals(403, console.call("POST", "/console/api/endpoints/scanner/replay?since=" + T0, VIEWER)
                .statusCode(), "a viewer cannot replay");
    }

    @Test
    void withoutRetentionTheReplayIsAClearConflictAndNothingIsSent() {
        Receiver receiver = startWithJournal(Duration.ZERO);
        console.write(event(0));
        Polling.await("delivered", WAIT, () -> ids(receiver).size() == 1);

        JsonObject error = json(console.call("POST", "/console/api/endpoints/scanner/replay?since=" + T0, OPERATOR),
                409);

        assertEquals("no-retention", error.getString("code"));
        assertTrue(error.getString("message").contains("retention"), error.toString());
        assertEquals(1, receiver.attempts());
    }

    @Test
    void anOperatorDisablesAnEndpointOverTheApiAndJmxShowsItItsEventsWaitUntilEnabled() throws Exception {
        Receiver receiver = startWithJournal(Duration.ZERO);
        ObjectName mbean = JmxRegistration.objectName("scanner");

        assertTrue(json(console.call("POST", "/console/api/endpoints/scanner/disable", OPERATOR), 200)
                .getBoolean("disabled"));
        assertFalse(json(console.call("POST", "/console/api/endpoints/scanner/disable", OPERATOR), 200)
                .getBoolean("disabled"), "disabled already");
        assertEquals(403, console.call("POST", "/console/api/endpoints/scanner/disable", VIEWER).statusCode());
        assertEquals(true, ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, "Disabled"));
        assertEquals("disabled", json(console.call("GET", "/console/api/endpoints/scanner", VIEWER), 200)
                .getString("state"));
        console.write(event(0));
        assertEquals(1L, ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, "Pending"));

        assertTrue(json(console.call("POST", "/console/api/endpoints/scanner/enable", OPERATOR), 200)
                .getBoolean("enabled"));
        Polling.await("delivered once enabled", WAIT, () -> ids(receiver).size() == 1);
        assertEquals(1, receiver.attempts(), "nothing was tried while disabled");
    }
}
