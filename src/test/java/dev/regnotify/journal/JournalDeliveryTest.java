package dev.regnotify.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.cdi.NotificationMetrics;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.EndpointMetricsMXBean;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.ProducedConfig;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Recorder;

/** The journal behind the endpoints of a container: drops when full, and keeps a dead endpoint's events. */
class JournalDeliveryTest {

    private static final RepositoryName REPO = RepositoryName.of("journal/app");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static WeldContainer start(RegnotifyConfig config) {
        ProducedConfig.next = config;
        return Containers.weld(Containers.withMemoryStorage()).addBeanClasses(ProducedConfig.class).initialize();
    }

    private static List<String> push(WeldContainer container, int count) {
        BlobStore blobs = container.select(BlobStore.class).get();
        for (int i = 0; i < count; i++) {
            Descriptor pushed = blobs.put(REPO, MediaTypes.OCTET_STREAM, Images.bytes("blob " + i));
            assertEquals(("blob " + i).length(), pushed.size(), "the registry operation succeeded");
        }
        return container.select(Recorder.class).get().events().stream().map(RegistryEvent::id).toList();
    }

    private static URI dead() {
        return URI.create("http://127.0.0.1:" + Receiver.freePort() + "/events");
    }

    @Test
    void aFullJournalDropsAndCountsAndTheOperationStillSucceeds() {
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withDrainTimeout(Duration.ofMillis(200))
                .withJournal(new JournalConfig(dir, JournalConfig.Fsync.INTERVAL, Duration.ofMillis(50), 8192, 4096))
                .withEndpoint(EndpointConfig.of("stuck", dead()).withRetry(Duration.ofMillis(100), 1,
                        Duration.ofHours(1)));
        try (LogCapture log = LogCapture.start(); WeldContainer container = start(config)) {
            push(container, 200);
            EndpointMetricsMXBean metrics = container.select(NotificationMetrics.class).get().endpoints().get("stuck");
            assertTrue(metrics.getDropped() > 100, "dropped " + metrics.getDropped());
            assertEquals(200, metrics.getEvents() + metrics.getDropped());
            List<String> reports = log.containing("RN-322 the journal is full");
            assertEquals(1, reports.size(), "rate-limited to one line: " + reports);
            assertTrue(reports.get(0).contains("of 8192 bytes"), reports.get(0));
        }
    }

    @Test
    void aDeadEndpointKeepsAllItsEventsAndTheLiveOneIsNotHeldBack() throws Exception {
        Receiver live = Receiver.start();
        Receiver revived = Receiver.start();
        try (live; revived) {
            JournalConfig journal = new JournalConfig(dir, JournalConfig.Fsync.ALWAYS, Duration.ofMillis(50),
                    1 << 20, 4096);
            RegnotifyConfig first = RegnotifyConfig.DEFAULT.withDrainTimeout(Duration.ofMillis(200)).withJournal(journal)
                    .withEndpoint(EndpointConfig.of("live", live.url()))
                    .withEndpoint(EndpointConfig.of("dead", dead()).withRetry(Duration.ofMillis(100), 1,
                            Duration.ofHours(1)));
            List<String> ids;
            try (LogCapture log = LogCapture.start()) {
                WeldContainer container = start(first);
                try {
                    ids = push(container, 60);
                    live.awaitAccepted(60, WAIT);
                    assertEquals(ids, live.acceptedIds(), "the live endpoint got every event without waiting");
                } finally {
                    container.close();
                }
                assertTrue(log.lines().stream().anyMatch(l -> l.contains("RN-310") && l.contains("dead=60")
                        && l.contains("kept in the journal")), log.lines()::toString);
            }
            assertTrue(segments() > 1, "the dead endpoint holds the segments: " + segments());

            RegnotifyConfig second = RegnotifyConfig.DEFAULT.withJournal(journal)
                    .withEndpoint(EndpointConfig.of("live", live.url()))
                    .withEndpoint(EndpointConfig.of("dead", revived.url()));
            try (WeldContainer container = start(second)) {
                revived.awaitAccepted(60, WAIT);
                assertEquals(ids, revived.acceptedIds(), "every event of the dead endpoint was kept, in order");
                assertEquals(60, live.acceptedIds().size(), "the live endpoint got nothing twice");
                dev.regnotify.testing.Polling.await("segments the endpoints passed are deleted",
                        () -> segments() == 1);
            }
        }
    }

    private long segments() {
        try (Stream<Path> files = Files.list(dir.resolve("segments"))) {
            return files.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
