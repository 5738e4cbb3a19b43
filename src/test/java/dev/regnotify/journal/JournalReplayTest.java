package dev.regnotify.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.Format;
import dev.regnotify.config.IgnoreConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.Broadcaster;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.DeliveryPool;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.EndpointFilter;
import dev.regnotify.delivery.ReplayRefusedException;
import dev.regnotify.delivery.http.HttpTransport;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.BlobPulled;
import dev.regnotify.events.BlobPushed;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.faults.FaultyFiles;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.MovableClock;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * Replay by time over a real journal in a temp folder, a real endpoint and a receiver on 127.0.0.1: retention keeps
 * delivered segments, a replay sends exactly the endpoint's events from a time on, and what can go wrong on the way
 * (a restart, a disabled endpoint, retention and maxbytes deleting segments, failures) has its outcome.
 */
class JournalReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant T0 = Instant.parse("2026-12-03T14:00:00Z");
    private static final RepositoryName REPO = RepositoryName.of("team/app");
    private static final Digest DIGEST = Digest.parse("sha256:" + "1".repeat(64));
    /** 60 events a minute apart from T0; every fifth a pull, which the endpoint ignores. */
    private static final int EVENTS = 60;

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(T0.plus(Duration.ofHours(1)));
    @RegisterExtension
    final Closer closer = new Closer();
    private Journal journal;

    private static RegistryEvent event(int n) {
        EventMetadata meta = new EventMetadata(id(n), T0.plus(Duration.ofMinutes(n)), new RequestRecord("req", "", "",
                "PUT", "test"), ActorRecord.ANONYMOUS, new SourceRecord("src", "i"));
        Descriptor layer = new Descriptor("application/octet-stream", 10, DIGEST);
        return n % 5 == 4 ? new BlobPulled(meta, REPO, layer) : new BlobPushed(meta, REPO, layer);
    }

    private static String id(int n) {
        return String.format("event-%06d", n);
    }

    /** @return the ids of the pushes numbered from {@code from} on: what the endpoint wants */
    private static List<String> pushesFrom(int from) {
        List<String> ids = new ArrayList<>();
        for (int n = from; n < EVENTS; n++) {
            if (n % 5 != 4) {
                ids.add(id(n));
            }
        }
        return ids;
    }

    private static JournalConfig journalConfig(Path dir, long maxBytes, Duration retention) {
        return new JournalConfig(dir, JournalConfig.Fsync.INTERVAL, Duration.ofMillis(20), maxBytes, 4096, retention);
    }

    private Journal openJournal(JournalConfig config) {
        journal = closer.keep(Journal.open(config, JournalFiles.SYSTEM, Executors.defaultThreadFactory(), clock));
        return journal;
    }

    private static EndpointConfig endpointConfig(Receiver receiver, int batch, RetryConfig retry) {
        return EndpointConfig.builder("scanner", receiver.url()).ignore(new IgnoreConfig(Set.of(), Set.of("pull")))
                .batch(new BatchConfig(batch, 1 << 20)).retry(retry).build();
    }

    private static RetryConfig quickRetries() {
        return RetryConfig.exponential(Duration.ofMillis(5), Duration.ofMillis(20));
    }

    /** Starts the endpoint over its cursor of the journal, and returns what writes to both. */
    private Broadcaster start(EndpointConfig config, DeliveryListener listener) {
        JournalCursor cursor = journal.cursor(config.name(), new EndpointFilter(config.ignore())::accepts);
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(Format.V1, new NotificationFactory(null,
                false)), cursor, Executors.defaultThreadFactory(), journal.deadLetterFiles(config.name()), listener);
        Broadcaster broadcaster = new Broadcaster(List.of(endpoint), journal);
        closer.keep(() -> broadcaster.close(Duration.ZERO));
        return broadcaster;
    }

    /** As {@link #start}, its delivery by turns on a pool of two threads. */
    private Broadcaster startPooled(EndpointConfig config) {
        DeliveryPool pool = closer.keep(new DeliveryPool(2, Executors.defaultThreadFactory()));
        JournalCursor cursor = journal.cursor(config.name(), new EndpointFilter(config.ignore())::accepts);
        EndpointCounters counters = new EndpointCounters(config.name(), config.url());
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(Format.V1, new NotificationFactory(null,
                false)), cursor, pool, counters, HttpTransport.of(config, counters, Executors.defaultThreadFactory()),
                journal.deadLetterFiles(config.name()), null, DeliveryListener.NONE);
        Broadcaster broadcaster = new Broadcaster(List.of(endpoint), journal);
        closer.keep(() -> broadcaster.close(Duration.ZERO));
        return broadcaster;
    }

    private static Endpoint endpoint(Broadcaster broadcaster) {
        return broadcaster.endpoints().get(0);
    }

    private static void writeAll(Broadcaster broadcaster) {
        for (int n = 0; n < EVENTS; n++) {
            broadcaster.write(event(n));
        }
    }

    @ParameterizedTest(name = "envelopes of {0}")
    @ValueSource(ints = {1, 7})
    void aReplaySendsExactlyTheEndpointsEventsFromThatTimeOnWithTheirIdsInOrder(int batch) {
        Receiver receiver = closer.keep(Receiver.start());
        openJournal(journalConfig(dir, 1 << 20, Duration.ofHours(2)));
        Broadcaster broadcaster = start(endpointConfig(receiver, batch, quickRetries()), DeliveryListener.NONE);
        writeAll(broadcaster);
        receiver.awaitAccepted(pushesFrom(0).size(), WAIT);
        assertTrue(journal.segmentCount() > 2, "delivered segments are kept: " + journal.segmentCount());

        long bytes;
        try (LogCapture log = LogCapture.start()) {
            bytes = endpoint(broadcaster).replaySince(T0.plus(Duration.ofMinutes(30)));
            Polling.await("the replay ends", WAIT, () -> !log.containing("RN-371 endpoint scanner replayed").isEmpty());
        }

        assertTrue(bytes > 0, "bytes " + bytes);
        List<String> expected = new ArrayList<>(pushesFrom(0));
        expected.addAll(pushesFrom(30));
        assertEquals(expected, ids(receiver), "the live events, then the pushes from minute 30 on, in order; never a "
                + "pull, which this endpoint ignores");
    }

    /**
     * A read of the journal that fails in the middle of a replay (a bad sector, EIO) costs it nothing: the replay
     * pauses and reads the same place again, and every event from the time on arrives once, in order.
     */
    @ParameterizedTest(name = "envelopes of {0}")
    @ValueSource(ints = {1, 7})
    void aReadThatFailsInTheMiddleOfAReplayIsReadAgainAndNoEventIsSkipped(int batch) {
        Receiver receiver = closer.keep(Receiver.start());
        FaultyFiles files = new FaultyFiles(dir);
        journal = closer.keep(Journal.open(journalConfig(dir, 1 << 20, Duration.ofHours(2)), files,
                Executors.defaultThreadFactory(), clock));
        Broadcaster broadcaster = start(endpointConfig(receiver, batch, quickRetries()), DeliveryListener.NONE);
        writeAll(broadcaster);
        receiver.awaitAccepted(pushesFrom(0).size(), WAIT);

        files.failReadsAfter(10, 3); // a few records into the replay, three reads in a row
        try (LogCapture log = LogCapture.start()) {
            endpoint(broadcaster).replaySince(T0.plus(Duration.ofMinutes(30)));
            Polling.await("the replay ends", WAIT, () -> !log.containing("RN-371 endpoint scanner replayed").isEmpty());
        }

        assertEquals(3, files.failedReads(), "the reads failed");
        List<String> expected = new ArrayList<>(pushesFrom(0));
        expected.addAll(pushesFrom(30));
        assertEquals(expected, ids(receiver), "every push from minute 30 on, once, in order, despite the failed reads");
    }

    /** @return the ids of every event the receiver accepted, repeats included */
    private static List<String> ids(Receiver receiver) {
        return receiver.acceptedEvents().stream().map(e -> e.getString("id")).toList();
    }

    private static void awaitIds(Receiver receiver, int count) {
        Polling.await(count + " events accepted", WAIT, () -> ids(receiver).size() >= count);
    }

    @ParameterizedTest(name = "on the pool: {0}")
    @ValueSource(booleans = {false, true})
    void withLanesTheReplaysEnvelopesGoOneAtATimeAndArriveInOrder(boolean pooled) {
        Receiver receiver = closer.keep(Receiver.start().answering(n -> Answer.after(Duration.ofMillis(2))));
        openJournal(journalConfig(dir, 1 << 20, Duration.ofHours(2)));
        EndpointConfig config = endpointConfig(receiver, 3, quickRetries()).toBuilder().maxInFlight(4).build();
        Broadcaster broadcaster = pooled ? startPooled(config) : start(config, DeliveryListener.NONE);
        writeAll(broadcaster);
        awaitIds(receiver, pushesFrom(0).size());

        try (LogCapture log = LogCapture.start()) {
            endpoint(broadcaster).replaySince(T0.plus(Duration.ofMinutes(10)));
            Polling.await("the replay ends", WAIT, () -> !log.containing("RN-371 endpoint scanner replayed").isEmpty());
        }

        List<String> all = ids(receiver);
        assertEquals(pushesFrom(10), all.subList(pushesFrom(0).size(), all.size()), "in order, over four lanes");
        assertEquals(1, receiver.mostConcurrent(), "one envelope of the replay at a time, and nothing else to send");
    }

    /**
     * The journal's own thread deletes what every endpoint passed, and expired segments, only once the cursors move:
     * before they are opened at a start, it would take "no cursor" for "passed by all" (found by the fault run,
     * seed 298044437: a restart lost a backlog).
     */
    @ParameterizedTest(name = "retention {0} minutes")
    @ValueSource(ints = {0, 30})
    void aRestartsBacklogIsNeverDeletedBeforeTheCursorsAreOpenEvenOnceExpired(int retentionMinutes) {
        JournalConfig config = journalConfig(dir, 1 << 20, Duration.ofMinutes(retentionMinutes));
        Journal first = openJournal(config);
        first.cursor("scanner", event -> true);
        for (int n = 0; n < EVENTS; n++) {
            first.append(event(n));
        }
        int segments = first.segmentCount();
        first.close();
        clock.advance(Duration.ofHours(5)); // every event is older than the retention

        Journal second = openJournal(config);
        long passes = second.periodicPasses();
        Polling.await("the journal's thread looked three times", () -> second.periodicPasses() >= passes + 3);

        assertEquals(segments, second.segmentCount(), "nothing was delivered, so nothing goes");
        assertEquals(EVENTS, second.cursor("scanner", event -> true).pending());
    }

    @Test
    void withoutRetentionAReplayIsRefusedAndSaysWhatWouldAllowIt() {
        Receiver receiver = closer.keep(Receiver.start());
        openJournal(journalConfig(dir, 1 << 20, Duration.ZERO));
        Broadcaster broadcaster = start(endpointConfig(receiver, 1, quickRetries()), DeliveryListener.NONE);
        writeAll(broadcaster);
        receiver.awaitAccepted(pushesFrom(0).size(), WAIT);

        ReplayRefusedException refused = assertThrows(ReplayRefusedException.class,
                () -> endpoint(broadcaster).replaySince(T0));

        assertEquals(ReplayRefusedException.Reason.NO_RETENTION, refused.reason());
        assertTrue(refused.getMessage().contains("notifications.journal.retention"), refused.getMessage());
        Polling.await("delivered segments are deleted at once, as ever", () -> journal.segmentCount() == 1);
    }

    @Test
    void retentionDeletesASegmentOnceItIsOlderThanTheRetentionAndATimeBeforeWhatIsKeptIsRefusedWithTheOldest() {
        Receiver receiver = closer.keep(Receiver.start());
        openJournal(journalConfig(dir, 1 << 20, Duration.ofHours(1)));
        Broadcaster broadcaster = start(endpointConfig(receiver, 1, quickRetries()), DeliveryListener.NONE);
        writeAll(broadcaster);
        receiver.awaitAccepted(pushesFrom(0).size(), WAIT);
        int kept = journal.segmentCount();
        journal.release();
        assertEquals(kept, journal.segmentCount(), "events of 14:00 to 14:59 are not an hour old at 15:00");

        clock.advance(Duration.ofMinutes(30)); // 15:30: the segments whose events are all before 14:30 expire
        journal.release();

        int left = journal.segmentCount();
        assertTrue(left < kept && left > 1, kept + " segments, then " + left);
        ReplayRefusedException refused = assertThrows(ReplayRefusedException.class,
                () -> endpoint(broadcaster).replaySince(T0));
        assertEquals(ReplayRefusedException.Reason.BEFORE_RETENTION, refused.reason());
        Instant oldest = refused.oldest().orElseThrow();
        assertTrue(!oldest.isAfter(T0.plus(Duration.ofMinutes(31))) && oldest.isAfter(T0), "the oldest event kept: "
                + oldest);
        assertTrue(refused.getMessage().contains(oldest.toString()), refused.getMessage());

        clock.advance(Duration.ofHours(1));
        Polling.await("the journal's own thread deletes what expired", () -> journal.segmentCount() == 1);
    }

    @Test
    void retainedSegmentsSurviveARestartAndAReplayCutShortByItIsAskedAgainWhole() throws Exception {
        JournalConfig config = journalConfig(dir, 1 << 20, Duration.ofHours(2));
        AtomicBoolean refuseOld = new AtomicBoolean();
        Receiver receiver = closer.keep(Receiver.start().answeringByBody(body -> refuseOld.get()
                ? Answer.status(503) : Answer.status(200)));
        openJournal(config);
        Broadcaster first = start(endpointConfig(receiver, 5, quickRetries()), DeliveryListener.NONE);
        writeAll(first);
        receiver.awaitAccepted(pushesFrom(0).size(), WAIT);
        int kept = journal.segmentCount();
        refuseOld.set(true);
        try (LogCapture log = LogCapture.start()) {
            endpoint(first).replaySince(T0.plus(Duration.ofMinutes(40)));
            Polling.await("the replay is tried", () -> receiver.attempts() > pushesFrom(0).size());
            first.close(Duration.ZERO);
            journal.close();
            assertEquals(1, log.containing("RN-371 endpoint scanner closed while replaying").size(),
                    log.lines()::toString);
        }
        assertEquals(pushesFrom(0), ids(receiver), "nothing of the replay was accepted");

        refuseOld.set(false);
        openJournal(config);
        assertEquals(kept, journal.segmentCount(), "a restart keeps the delivered segments");
        Broadcaster second = start(endpointConfig(receiver, 5, quickRetries()), DeliveryListener.NONE);
        endpoint(second).replaySince(T0.plus(Duration.ofMinutes(40)));

        List<String> expected = new ArrayList<>(pushesFrom(0));
        expected.addAll(pushesFrom(40));
        awaitIds(receiver, expected.size());
        assertEquals(expected, ids(receiver));
    }

    @Test
    void aReplayWaitsForADisabledEndpointAndHoldsItsSegmentsAgainstRetentionUntilItIsDone() {
        Receiver receiver = closer.keep(Receiver.start());
        openJournal(journalConfig(dir, 1 << 20, Duration.ofHours(1)));
        Broadcaster broadcaster = start(endpointConfig(receiver, 3, quickRetries()), DeliveryListener.NONE);
        writeAll(broadcaster);
        receiver.awaitAccepted(pushesFrom(0).size(), WAIT);
        Endpoint endpoint = endpoint(broadcaster);
        assertTrue(endpoint.disable());
        int kept = journal.segmentCount();

        endpoint.replaySince(T0);
        clock.advance(Duration.ofHours(3)); // every segment has expired
        journal.release();

        assertEquals(kept, journal.segmentCount(), "the replay holds them");
        assertEquals(pushesFrom(0).size(), ids(receiver).size(), "nothing is sent while disabled");
        assertTrue(endpoint.enable());
        List<String> expected = new ArrayList<>(pushesFrom(0));
        expected.addAll(pushesFrom(0));
        awaitIds(receiver, expected.size());
        assertEquals(expected, ids(receiver));
        Polling.await("once replayed, the expired segments go", () -> journal.segmentCount() == 1);
    }

    @Test
    void maxbytesWinsOverRetentionAndAReplayWhoseSegmentsItDeletedSaysSoWhileLiveEventsAreNeverDropped() {
        Receiver receiver = closer.keep(Receiver.start());
        openJournal(journalConfig(dir, 16 * 1024, Duration.ofDays(1)));
        Broadcaster broadcaster = start(endpointConfig(receiver, 1, quickRetries()), DeliveryListener.NONE);
        try (LogCapture log = LogCapture.start()) {
            for (int n = 0; n < 40; n++) {
                broadcaster.write(event(n));
            }
            int first = pushesFrom(0).size() - pushesFrom(40).size();
            receiver.awaitAccepted(first, WAIT);
            JournalCursor cursor = journal.cursor("reader", new EndpointFilter(IgnoreConfig.NONE)::accepts);
            dev.regnotify.delivery.EventReplay replay = cursor.replaySince(T0);
            cursor.close();
            List<String> read = new ArrayList<>();
            read.add(replay.next().id());

            // 300 new events: a journal of 16 KiB makes room from the segments it keeps, the replay's among them
            List<String> live = new ArrayList<>();
            for (int n = 1000; n < 1300; n++) {
                broadcaster.write(shifted(n));
                live.add(id(n));
                receiver.awaitAccepted(first + live.size(), WAIT);
            }
            for (RegistryEvent next = replay.next(); next != null; next = replay.next()) {
                read.add(next.id());
            }
            replay.close();

            assertEquals(0, endpoint(broadcaster).metrics().getDropped(), "retention never costs a live event");
            assertTrue(receiver.acceptedIds().containsAll(live));
            assertFalse(log.containing("RN-372 the journal deleted").isEmpty(), log.lines()::toString);
            assertFalse(log.containing("RN-373 the replay of endpoint reader").isEmpty(), log.lines()::toString);
            assertTrue(read.size() < 40 && read.get(0).equals(id(0)), "what the replay read: " + read);
            List<String> ordered = new ArrayList<>(read);
            ordered.sort(null);
            assertEquals(ordered, read, "in order, with a gap where segments went");
            assertTrue(journal.retainedBytes() <= 16 * 1024, "retained " + journal.retainedBytes());
        }
    }

    private static RegistryEvent shifted(int n) {
        EventMetadata meta = new EventMetadata(id(n), T0.plus(Duration.ofMinutes(n)), new RequestRecord("req", "", "",
                "PUT", "test"), ActorRecord.ANONYMOUS, new SourceRecord("src", "i"));
        return new BlobPushed(meta, REPO, new Descriptor("application/octet-stream", 10, DIGEST));
    }

    @Test
    void aReplayedEnvelopeThatRunsOutOfAttemptsBecomesADeadLetterWithItsEvents() {
        AtomicBoolean refuse = new AtomicBoolean();
        Receiver receiver = closer.keep(Receiver.start().answering(n -> refuse.get() ? Answer.status(500)
                : Answer.status(200)));
        openJournal(journalConfig(dir, 1 << 20, Duration.ofHours(2)));
        Broadcaster broadcaster = start(endpointConfig(receiver, 100, RetryConfig.exponential(Duration.ofMillis(5),
                Duration.ofMillis(20)).withBounds(2, Duration.ZERO)), DeliveryListener.NONE);
        writeAll(broadcaster);
        receiver.awaitAccepted(pushesFrom(0).size(), WAIT);
        refuse.set(true);

        endpoint(broadcaster).replaySince(T0.plus(Duration.ofMinutes(50)));

        Endpoint endpoint = endpoint(broadcaster);
        Polling.await("a dead letter", WAIT, () -> endpoint.deadLetters().list().size() == 1);
        assertEquals(pushesFrom(50), endpoint.deadLetters().list().get(0).eventIds());
    }
}
