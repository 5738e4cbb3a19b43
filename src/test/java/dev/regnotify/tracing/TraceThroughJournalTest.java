package dev.regnotify.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.events.EventContext;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.TraceContext;
import dev.regnotify.messaging.EventBatches;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.ProducedConfig;
import dev.regnotify.testing.Receiver;

/**
 * The trace context kept with the event where it waits: on the journal's disk across a restart (its records of the
 * third format), and in the broker's batches of records.
 */
class TraceThroughJournalTest {

    private static final RepositoryName REPO = RepositoryName.of("journal/traced");

    @TempDir
    Path dir;

    private static WeldContainer start(RegnotifyConfig config) {
        ProducedConfig.next = config;
        return Containers.weld(Containers.withMemoryStorage()).addBeanClasses(ProducedConfig.class).initialize();
    }

    @Test
    void anEventKeptInTheJournalAcrossARestartKeepsItsTrace() {
        TraceContext trace = TracedEvents.trace(0);
        JournalConfig journal = new JournalConfig(dir, JournalConfig.Fsync.ALWAYS, Duration.ofMillis(50), 1 << 20,
                4096);
        URI dead = URI.create("http://127.0.0.1:" + Receiver.freePort() + "/events");
        try (WeldContainer first = start(RegnotifyConfig.DEFAULT.withDrainTimeout(Duration.ofMillis(200))
                .withJournal(journal).withEndpoint(EndpointConfig.of("later", dead)))) {
            BlobStore blobs = first.select(BlobStore.class).get();
            EventContext.of(null, null).withTrace(trace).run(() -> blobs.put(REPO, MediaTypes.OCTET_STREAM,
                    Images.bytes("traced")));
            blobs.put(REPO, MediaTypes.OCTET_STREAM, Images.bytes("not traced"));
        }
        try (Receiver receiver = Receiver.start(); WeldContainer second = start(RegnotifyConfig.DEFAULT
                .withJournal(journal).withEndpoint(EndpointConfig.of("later", receiver.url())))) {
            receiver.awaitAccepted(2, Duration.ofSeconds(20));
            Receiver.Request traced = receiver.requests().get(0);
            assertEquals(trace.traceId(), TraceContext.parse(traced.header("traceparent"), null).traceId(),
                    "read back from the journal's disk");
            assertEquals(TracedEvents.TRACESTATE, traced.header("tracestate"));
            assertNull(receiver.requests().get(1).header("traceparent"));
        }
    }

    @Test
    void theBrokersBatchesKeepEachEventsTrace() {
        List<RegistryEvent> events = List.of(TracedEvents.traced(0, TracedEvents.trace(0)), Notifications.numbered(1),
                TracedEvents.traced(2, TracedEvents.trace(2)));
        EventBatches batches = new EventBatches();
        List<RegistryEvent> read = EventBatches.decode(batches.envelope(events.stream().map(batches::encode)
                .toList()));
        assertEquals(events, read);
        assertEquals(List.of(TracedEvents.trace(0), TraceContext.NONE, TracedEvents.trace(2)),
                read.stream().map(RegistryEvent::trace).toList());
    }
}
