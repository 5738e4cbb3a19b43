package dev.regnotify.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.Notifications;

class JournalTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private Journal journal(JournalConfig.Fsync fsync, long maxBytes, long segmentBytes) {
        return closer.keep(Journal.open(new JournalConfig(dir, fsync, Duration.ofMillis(20), maxBytes, segmentBytes),
                Executors.defaultThreadFactory()));
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
        return lastSegment();
    }

    private Path lastSegment() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("segments"))) {
            return files.sorted().reduce((a, b) -> b).orElseThrow();
        }
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
