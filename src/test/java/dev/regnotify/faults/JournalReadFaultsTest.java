package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.delivery.Broadcaster;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.journal.Journal;
import dev.regnotify.journal.JournalCursor;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * A read of the journal that fails while an endpoint takes events from it: the events taken before the failure go
 * out, none is skipped, and the endpoint goes on (with one envelope in flight, with send-ahead, and with lanes).
 */
class JournalReadFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private JournalConfig journalConfig() {
        return JournalConfig.in(dir.resolve("journal"));
    }

    /** Writes events 0 to count - 1 into the journal, which is closed again: the next one starts with a backlog. */
    private void backlog(int count, boolean manyRepositories) {
        try (Journal journal = Journal.open(journalConfig(), Executors.defaultThreadFactory())) {
            journal.cursor("hook", event -> true);
            for (int i = 0; i < count; i++) {
                journal.append(manyRepositories ? Notifications.pushedTo(i, RepositoryName.of("repo/" + i % 4))
                        : Notifications.numbered(i));
            }
        }
    }

    private Endpoint start(EndpointConfig config, JournalCursor cursor) {
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(),
                new NotificationFactory(null, false)), cursor, Executors.defaultThreadFactory(), null,
                DeliveryListener.NONE);
        closer.keep(() -> endpoint.close(Duration.ofSeconds(5)));
        return endpoint;
    }

    private static EndpointConfig config(Receiver receiver) {
        return EndpointConfig.of("hook", receiver.url()).withRetry(Duration.ofSeconds(5), 3, Duration.ofMillis(20));
    }

    @Test
    void aReadFailingInTheMiddleOfABatchSendsTheEventsTakenBeforeItAndSkipsNone() throws Exception {
        backlog(20, false);
        Receiver receiver = closer.keep(Receiver.start());
        FaultyFiles files = new FaultyFiles(dir.resolve("journal"));
        try (LogCapture log = LogCapture.start();
                Journal journal = Journal.open(journalConfig(), files, Executors.defaultThreadFactory())) {
            JournalCursor cursor = journal.cursor("hook", event -> true);
            files.failReadsAfter(8, 1); // two reads a record: the read of event 4, the fifth of the batch, fails
            Endpoint endpoint = start(config(receiver).withBatch(new BatchConfig(10, 1 << 20)), cursor);
            receiver.awaitAccepted(20, WAIT);
            Polling.await("nothing pending", WAIT, () -> endpoint.metrics().getPending() == 0);
            assertEquals(1, files.failedReads());
            assertEquals(Notifications.ids(0, 20), receiver.acceptedIds(), "every event once, in order");
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("RN-315")), log.lines()::toString);
            endpoint.close(Duration.ofSeconds(5));
        }
        try (Journal journal = Journal.open(journalConfig(), Executors.defaultThreadFactory())) {
            assertEquals(0, journal.cursor("hook", event -> true).pending(), "the position passed every event");
        }
    }

    @Test
    void withLanesAFailedReadNeitherLosesEventsNorStopsTheEndpoint() throws Exception {
        backlog(20, true);
        Receiver receiver = closer.keep(Receiver.start());
        FaultyFiles files = new FaultyFiles(dir.resolve("journal"));
        Journal journal = closer.keep(Journal.open(journalConfig(), files, Executors.defaultThreadFactory()));
        JournalCursor cursor = journal.cursor("hook", event -> true);
        files.failReadsAfter(10, 1);
        Endpoint endpoint = start(config(receiver).withBatch(new BatchConfig(5, 1 << 20)).withMaxInFlight(4), cursor);
        receiver.awaitAccepted(20, WAIT);
        Broadcaster broadcaster = new Broadcaster(List.of(endpoint), journal);
        for (int i = 20; i < 40; i++) {
            broadcaster.write(Notifications.pushedTo(i, RepositoryName.of("repo/" + i % 4)));
        }
        receiver.awaitAccepted(40, WAIT);
        Polling.await("nothing pending", WAIT, () -> endpoint.metrics().getPending() == 0);
        assertEquals(1, files.failedReads());
        assertEquals(Notifications.ids(0, 40), receiver.acceptedIds().stream().sorted().toList(),
                "every event once");
    }
}
