package dev.regnotify.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;

/**
 * A close that gives up waiting for the journal's thread while it moves a lagging endpoint on (its dead letters are
 * slow to keep): once close has returned, the journal lets its directory go, and its late pass deletes nothing there.
 */
class JournalCloseBesideOverrunTest {

    private static final long MAX_BYTES = 64 << 10;

    @TempDir
    Path dir;

    private List<Path> segmentFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("segments"))) {
            return files.sorted().toList();
        }
    }

    @Test
    void aPassStillMovingALaggingEndpointWhenCloseGivesUpDeletesNoSegmentAfterClose() throws Exception {
        Journal journal = Journal.open(new JournalConfig(dir, JournalConfig.Fsync.INTERVAL, Duration.ofMillis(20),
                MAX_BYTES, 4096), Executors.defaultThreadFactory());
        JournalCursor live = journal.cursor("live", e -> true);
        JournalCursor stuck = journal.cursor("stuck", e -> true);
        CountDownLatch keeping = new CountDownLatch(1);
        CountDownLatch kept = new CountDownLatch(1);
        stuck.onOverrun((events, reason) -> {
            keeping.countDown();
            try {
                return kept.await(30, TimeUnit.SECONDS); // a dead-letter disk slower than close waits for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        int appended = 0;
        while (journal.retainedBytes() <= MAX_BYTES / 4 * 3 + 4096) {
            assertTrue(journal.append(Notifications.numbered(appended++)) >= 0);
        }
        int read = 0;
        for (RegistryEvent e = live.poll(); e != null; e = live.poll()) {
            read++;
        }
        live.acknowledge(read); // only stuck holds the journal back now: the journal's thread moves it on
        assertTrue(keeping.await(20, TimeUnit.SECONDS), "the journal's thread keeps stuck's oldest events");

        journal.close(); // gives up on the pass after PeriodicSync.STOP_WAIT, and lets the directory go
        List<Path> atClose = segmentFiles();
        // the process opens the journal again, with room enough that it moves nobody on itself: stuck's position on
        // disk was not moved on
        try (Journal successor = Journal.open(new JournalConfig(dir, JournalConfig.Fsync.INTERVAL,
                Duration.ofMillis(20), 1L << 30, 4096), Executors.defaultThreadFactory())) {
            successor.cursor("live", e -> true);
            JournalCursor resumed = successor.cursor("stuck", e -> true);
            long passes = journal.periodicPasses();
            kept.countDown();
            Polling.await("the late pass to end", () -> journal.periodicPasses() > passes);
            assertEquals(atClose, segmentFiles(), "a closed journal deletes nothing in the directory it let go");
            assertEquals(Notifications.ids(0, appended), drain(resumed), "stuck resumes where its position is");
        }
    }

    private static List<String> drain(JournalCursor cursor) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (RegistryEvent e = cursor.poll(Duration.ZERO); e != null; e = cursor.poll()) {
            ids.add(e.id());
        }
        return ids;
    }
}
