package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.Broadcaster;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.journal.Journal;
import dev.regnotify.journal.JournalCursor;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * An endpoint whose receiver is gone (disabled by 410) shares a small journal with a live one: once it holds back
 * more than half of the journal, its oldest events become its own dead letters, and the live endpoint never drops.
 */
class LaggingEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long MAX_BYTES = 64 << 10;

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private Receiver receiver() {
        return closer.keep(Receiver.start());
    }

    private Endpoint start(Journal journal, EndpointConfig config) {
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(), new NotificationFactory(
                null, false)), journal.cursor(config.name(), event -> true), Executors.defaultThreadFactory(),
                journal.deadLetterFiles(config.name()), DeliveryListener.NONE);
        closer.keep(() -> endpoint.close(Duration.ZERO));
        return endpoint;
    }

    @Test
    void aDisabledEndpointNeverCostsALiveOneItsEventsAndKeepsItsOwnAsDeadLetters() throws Exception {
        Receiver live = receiver();
        Receiver gone = receiver().answering(n -> Answer.status(410));
        Journal journal = Journal.open(new JournalConfig(dir, JournalConfig.Fsync.INTERVAL, Duration.ofMillis(10),
                MAX_BYTES, 4096), Executors.defaultThreadFactory());
        closer.keep(journal);
        RetryConfig exponential = RetryConfig.exponential(Duration.ofMillis(5), Duration.ofMillis(50));
        Endpoint liveEndpoint = start(journal, EndpointConfig.of("live", live.url()));
        Endpoint goneEndpoint = start(journal, EndpointConfig.of("gone", gone.url()).withRetryPolicy(exponential));
        Broadcaster broadcaster = new Broadcaster(List.of(liveEndpoint, goneEndpoint), journal);
        int events = 2000;
        try (LogCapture log = LogCapture.start()) {
            for (int step = 0; step < events / 20; step++) {
                for (int i = step * 20; i < step * 20 + 20; i++) {
                    broadcaster.write(Notifications.numbered(i));
                }
                int written = step * 20 + 20;
                Polling.await("the live endpoint has " + written + " events, and the journal room for 20 more",
                        WAIT, () -> liveEndpoint.metrics().getPending() == 0
                                && journal.retainedBytes() <= MAX_BYTES / 4 * 3);
            }
            live.awaitAccepted(events, WAIT);
            assertEquals(Notifications.ids(0, events), live.acceptedIds(), "every event, in order");
            assertEquals(0, liveEndpoint.metrics().getDropped(), "the live endpoint dropped nothing");
            assertTrue(goneEndpoint.isDisabled());
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("RN-329 endpoint gone was")),
                    log.lines()::toString);
        }

        gone.answering(n -> Answer.status(200));
        goneEndpoint.enable();
        goneEndpoint.replay(letter -> true);
        gone.awaitAccepted(events, WAIT);
        Set<String> arrived = new TreeSet<>(gone.acceptedIds());
        assertEquals(new TreeSet<>(Notifications.ids(0, events)), arrived, "every event, queued or dead lettered");
        Polling.await("nothing left", WAIT, () -> goneEndpoint.deadLetters().count() == 0
                && goneEndpoint.metrics().getPending() == 0);
    }

    /**
     * A burst fills the last quarter of the journal faster than its thread can move the laggard on (found by the fault
     * run, seed 966394451 round 2: a live endpoint dropped an event while a disabled one held the journal). The
     * append that finds the journal full waits for that move instead of dropping the event.
     */
    @Test
    void aBurstFasterThanTheLaggardIsMovedOnCostsTheLiveEndpointNothing() throws Exception {
        // an interval that never comes: the journal's thread runs only when an append wakes it
        Journal journal = Journal.open(new JournalConfig(dir, JournalConfig.Fsync.INTERVAL, Duration.ofMinutes(10),
                MAX_BYTES, 4096), Executors.defaultThreadFactory());
        closer.keep(journal);
        JournalCursor gone = journal.cursor("gone", event -> true);
        JournalCursor live = journal.cursor("live", event -> true);
        List<RegistryEvent> overrun = new CopyOnWriteArrayList<>();
        gone.onOverrun((events, reason) -> overrun.addAll(events));
        int events = 2000;
        List<Integer> dropped = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            RegistryEvent event = Notifications.numbered(i);
            if (journal.append(event) < 0) {
                dropped.add(i);
            } else {
                gone.offer(event); // as the broadcaster does: each endpoint counts what it has to deliver
                live.offer(event);
            }
            int taken = 0;
            while (live.poll() != null) {
                taken++;
            }
            live.acknowledge(taken); // the live endpoint keeps up with every event
        }
        assertEquals(List.of(), dropped, "events the live endpoint lost to the disabled one");
        // the journal's thread may be moving the laggard on still: its last letter is kept before its pending count
        // falls, so that the sum is right once the move is done
        Polling.await("each of the laggard's events a dead letter or queued, once", WAIT,
                () -> overrun.size() + gone.pending() == events);
    }

    /**
     * The laggard's events leave the journal only once they are dead letters a restart finds: while its letters cannot
     * be written, it is not moved past them (the journal fills and new events are dropped, as documented, rather than
     * events kept in memory only and lost to a crash).
     */
    @Test
    void aLaggardIsNotMovedPastEventsItsDeadLettersCannotKeep() throws Exception {
        FaultyFiles files = new FaultyFiles(dir).deadLettersUnwritable(true);
        Journal journal = Journal.open(new JournalConfig(dir, JournalConfig.Fsync.INTERVAL, Duration.ofMillis(10),
                MAX_BYTES, 4096), files, Executors.defaultThreadFactory());
        closer.keep(journal);
        RetryConfig exponential = RetryConfig.exponential(Duration.ofMillis(5), Duration.ofMillis(50));
        Receiver gone = receiver().answering(n -> Answer.status(410));
        Endpoint liveEndpoint = start(journal, EndpointConfig.of("live", receiver().url()));
        Endpoint goneEndpoint = start(journal, EndpointConfig.builder("gone", gone.url()).retry(exponential).build());
        Broadcaster broadcaster = new Broadcaster(List.of(liveEndpoint, goneEndpoint), journal);
        int written = 0;
        try (LogCapture log = LogCapture.start()) {
            // until the journal had to move the laggard on, and could not keep its events as letters
            while (log.lines().stream().noneMatch(line -> line.contains("RN-339 endpoint gone") || line.contains("RN-329 endpoint gone")) && written < 5000) {
                broadcaster.write(Notifications.numbered(written++));
                Polling.await("the live endpoint keeps up", WAIT, () -> liveEndpoint.metrics().getPending() == 0);
            }
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("RN-339 endpoint gone")),
                    log.lines()::toString);
            assertTrue(log.lines().stream().noneMatch(line -> line.contains("RN-329 endpoint gone")),
                    "moved past events kept in memory only: " + log.lines());
            assertEquals(0, goneEndpoint.deadLetters().count(), "no letter that a restart would not find");
            assertEquals(written, goneEndpoint.metrics().getPending(), "every event still the laggard's, queued");
        }

        files.deadLettersUnwritable(false);
        Polling.await("moved on once its letters can be written", WAIT,
                () -> goneEndpoint.deadLetters().count() > 0);
        int total = written;
        Polling.await("every event queued or a letter on disk", WAIT, () -> goneEndpoint.metrics().getPending()
                + Journal.readDeadLetters(dir).stream().mapToLong(letter -> letter.events().size()).sum() >= total);
    }
}
