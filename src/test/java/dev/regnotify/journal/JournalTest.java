package dev.regnotify.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.BlobMounted;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.ManifestDeleted;
import dev.regnotify.events.ManifestPulled;
import dev.regnotify.events.ManifestPushed;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RepositoryDeleted;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.events.TagDeleted;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.testing.Notifications;

class JournalTest {

    @TempDir
    Path dir;

    private final List<Journal> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(Journal::close);
    }

    private Journal journal(JournalConfig.Fsync fsync, long maxBytes, long segmentBytes) {
        Journal journal = Journal.open(new JournalConfig(dir, fsync, Duration.ofMillis(20), maxBytes, segmentBytes),
                Executors.defaultThreadFactory());
        open.add(journal);
        return journal;
    }

    private Journal journal() {
        return journal(JournalConfig.Fsync.INTERVAL, 1 << 30, 1 << 20);
    }

    private static List<String> drain(JournalCursor cursor) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (RegistryEvent e = cursor.poll(Duration.ZERO); e != null; e = cursor.poll()) {
            ids.add(e.id());
        }
        return ids;
    }

    /** Writes five events for endpoint "a", closes the journal, and returns its last segment file. */
    private Path fiveEventsWritten() throws Exception {
        Journal journal = journal();
        journal.cursor("a", e -> true);
        for (int i = 0; i < 5; i++) {
            journal.append(Notifications.numbered(i));
        }
        journal.close();
        open.remove(journal);
        return lastSegment();
    }

    private Path lastSegment() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("segments"))) {
            return files.sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    @Test
    void everyEventKindSurvivesTheRecordFormat() {
        EventMetadata meta = new EventMetadata("id-1", Instant.parse("2026-01-02T03:04:05.123456789Z"),
                new RequestRecord("r", "1.2.3.4:5", "h:5000", "PUT", "ua"), new ActorRecord("ann"),
                new SourceRecord("src:1", "inst"));
        RepositoryName repo = RepositoryName.of("a/b");
        Descriptor d = new Descriptor("application/vnd.oci.image.manifest.v1+json", 42, Digest.of(new byte[] {1}));
        List<RegistryEvent> events = List.of(new ManifestPushed(meta, repo, d, Tag.of("v1"), List.of(d, d)),
                new ManifestPulled(meta, repo, d, null, List.of()), new ManifestDeleted(meta, repo, d.digest()),
                Notifications.of(1, "push", "a/b"), Notifications.of(2, "pull", "a/b"),
                new BlobMounted(meta, repo, d, RepositoryName.of("c")), Notifications.of(3, "delete", ""),
                new TagDeleted(meta, repo, Tag.of("t")), new RepositoryDeleted(meta, repo));
        for (RegistryEvent event : events) {
            assertEquals(event, EventRecords.decode(EventRecords.encode(event)));
        }
    }

    /** A record written by version 1 of the format (before strings could exceed 64 KiB), as it was written. */
    private static final String VERSION_1_RECORD = "0100000569642d763100000000695735a5075bcd150001720009312e322e332e343a350006683a3530303000035055540005" +
            "756120c3a90003616e6e00057372633a310004696e73740003612f62002a6170706c69636174696f6e2f766e642e6f63692e" +
            "696d6167652e6d616e69666573742e76312b6a736f6e000000000000002a00477368613235363a3462663531323266333434" +
            "3535346335336264653265626238636432623765336431363030616436333163333835613564376363653233633737383534" +
            "3539610002763100000001002a6170706c69636174696f6e2f766e642e6f63692e696d6167652e6d616e69666573742e7631" +
            "2b6a736f6e000000000000002a00477368613235363a34626635313232663334343535346335336264653265626238636432" +
            "623765336431363030616436333163333835613564376363653233633737383534353961";

    @Test
    void recordsOfTheFirstFormatAreStillRead() {
        EventMetadata meta = new EventMetadata("id-v1", Instant.parse("2026-01-02T03:04:05.123456789Z"),
                new RequestRecord("r", "1.2.3.4:5", "h:5000", "PUT", "ua \u00e9"), new ActorRecord("ann"),
                new SourceRecord("src:1", "inst"));
        Descriptor d = new Descriptor("application/vnd.oci.image.manifest.v1+json", 42, Digest.of(new byte[] {1}));
        assertEquals(new ManifestPushed(meta, RepositoryName.of("a/b"), d, Tag.of("v1"), List.of(d)),
                EventRecords.decode(HexFormat.of().parseHex(VERSION_1_RECORD)));
    }

    @Test
    void stringsOfAnyLengthSurviveTheRecordFormat() {
        String userAgent = "\u00e9".repeat(70_000);
        RegistryEvent event = new RepositoryDeleted(new EventMetadata("id-long", Instant.EPOCH,
                new RequestRecord("r", "", "", "DELETE", userAgent), ActorRecord.ANONYMOUS,
                new SourceRecord("", "")), RepositoryName.of("a/b"));
        assertEquals(event, EventRecords.decode(EventRecords.encode(event)));
    }

    @Test
    void aCursorReadsInOrderAndResumesWhereItAcknowledged() throws Exception {
        Journal journal = journal();
        JournalCursor cursor = journal.cursor("a", e -> true);
        for (int i = 0; i < 10; i++) {
            journal.append(Notifications.numbered(i));
            cursor.offer(Notifications.numbered(i));
        }
        assertEquals(10, cursor.pending());
        assertEquals(Notifications.ids(0, 4), List.of(cursor.poll().id(), cursor.poll().id(), cursor.poll().id(),
                cursor.poll().id()));
        cursor.acknowledge(4);
        assertEquals(6, cursor.pending());
        journal.close();
        open.remove(journal);

        Journal reopened = journal();
        JournalCursor again = reopened.cursor("a", e -> true);
        assertEquals(6, again.pending());
        assertEquals(Notifications.ids(4, 10), drain(again));
    }

    @Test
    void aNewEndpointStartsAtTheEndOfTheLog() throws Exception {
        Journal journal = journal();
        journal.append(Notifications.numbered(0));
        JournalCursor late = journal.cursor("late", e -> true);
        journal.append(Notifications.numbered(1));
        assertEquals(List.of(Notifications.id(1)), drain(late));
    }

    @Test
    void ignoredEventsAreSkippedAndDoNotHoldThePosition() throws Exception {
        Journal journal = journal();
        JournalCursor pushes = journal.cursor("pushes", e -> e.action().wireName().equals("push"));
        journal.append(Notifications.of(0, "pull", "a/b"));
        journal.append(Notifications.of(1, "push", "a/b"));
        journal.append(Notifications.of(2, "pull", "a/b"));
        assertEquals(Notifications.id(1), pushes.poll().id());
        pushes.acknowledge(1);
        assertNull(pushes.poll(Duration.ofMillis(1)));
        assertEquals(journal.end(), pushes.acknowledged(), "an idle cursor moves past the ignored events it read");
    }

    @Test
    void aLastRecordCutInHalfIsCutOffAndEverythingBeforeIsKept() throws Exception {
        Path segment = fiveEventsWritten();
        long size = Files.size(segment);
        long lastRecord = size / 5;
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(size - lastRecord / 2);
        }
        assertEquals(Notifications.ids(0, 4), drain(journal().cursor("a", e -> true)));
    }

    @Test
    void aFlippedByteInTheLastRecordIsCutOffAndEverythingBeforeIsKept() throws Exception {
        Path segment = fiveEventsWritten();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(file.length() - 10);
            int b = file.read();
            file.seek(file.length() - 10);
            file.write(b ^ 0x40);
        }
        Journal reopened = journal();
        JournalCursor cursor = reopened.cursor("a", e -> true);
        assertEquals(Notifications.ids(0, 4), drain(cursor));
        reopened.append(Notifications.numbered(9));
        assertEquals(List.of(Notifications.id(9)), drain(cursor), "appends continue after the cut");
    }

    @Test
    void aFullJournalDropsUntilEndpointsMakeRoom() throws Exception {
        Journal journal = journal(JournalConfig.Fsync.INTERVAL, 8192, 4096);
        JournalCursor cursor = journal.cursor("a", e -> true);
        int kept = 0;
        int i = 0;
        while (journal.append(Notifications.numbered(i++)) >= 0) {
            kept++;
        }
        assertTrue(kept > 10 && kept <= 45, "kept " + kept);
        assertTrue(journal.append(Notifications.numbered(i)) < 0);
        assertEquals(kept, drain(cursor).size());
        cursor.acknowledge(kept);
        assertTrue(journal.append(Notifications.numbered(i)) >= 0, "deleted segments made room");
    }

    @Test
    void segmentsGoOnceEveryCursorPassedThemAndADeadOneKeepsItsEvents() throws Exception {
        Journal journal = journal(JournalConfig.Fsync.INTERVAL, 1 << 30, 4096);
        JournalCursor live = journal.cursor("live", e -> true);
        JournalCursor dead = journal.cursor("dead", e -> true);
        for (int i = 0; i < 200; i++) {
            journal.append(Notifications.numbered(i));
        }
        int segments = journal.segmentCount();
        assertTrue(segments > 5, "segments: " + segments);
        assertEquals(200, drain(live).size());
        live.acknowledge(200);
        assertEquals(segments, journal.segmentCount(), "the dead endpoint holds them");
        List<String> deadIds = drain(dead);
        assertEquals(Notifications.ids(0, 200), deadIds);
        dead.acknowledge(100);
        assertTrue(journal.segmentCount() < segments);
        dead.acknowledge(100);
        assertEquals(1, journal.segmentCount(), "only the segment being written is left");
    }

    @Test
    void concurrentAppendsWithFsyncAlwaysShareSyncs() throws Exception {
        Journal journal = journal(JournalConfig.Fsync.ALWAYS, 1 << 30, 1 << 24);
        JournalCursor cursor = journal.cursor("a", e -> true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 250; i++) {
                    journal.awaitDurable(journal.append(Notifications.numbered(thread * 1000 + i)));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(2000, drain(cursor).size());
        assertTrue(journal.syncs() < 2000, "syncs: " + journal.syncs());
    }
}
