package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.regnotify.config.FilterConfig;
import dev.regnotify.config.Glob;
import dev.regnotify.config.IgnoreConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.JournalConfig.Fsync;
import dev.regnotify.delivery.EndpointFilter;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.journal.Journal;
import dev.regnotify.journal.JournalCursor;
import dev.regnotify.journal.JournalFiles;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Notifications;

/**
 * Faults injected under the journal's files: each one loses at most the events it hit, never wedges later callers,
 * and never makes later events disappear, in the running process or after a restart.
 */
class JournalFaultsTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();
    private FaultyFiles files;

    private Journal journal(Fsync fsync, Duration interval, long segmentBytes, JournalFiles with) {
        return closer.keep(Journal.open(new JournalConfig(dir, fsync, interval, 1L << 30, segmentBytes), with,
                Executors.defaultThreadFactory()));
    }

    private Journal faulty(Fsync fsync) {
        files = new FaultyFiles(dir);
        return journal(fsync, Duration.ofMillis(20), 1 << 20, files);
    }

    private Journal reopened() throws Exception {
        closer.close();
        return journal(Fsync.INTERVAL, Duration.ofMillis(20), 1 << 20, JournalFiles.SYSTEM);
    }

    /** Appends (and, with always, waits as the broadcaster does); @return whether the event was kept */
    private static boolean keep(Journal journal, RegistryEvent event) {
        long ticket = journal.append(event);
        return journal.syncsEachEvent() ? journal.awaitDurable(ticket) : ticket >= 0;
    }

    private static List<String> drain(JournalCursor cursor) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (RegistryEvent e = cursor.poll(Duration.ZERO); e != null; e = cursor.poll()) {
            ids.add(e.id());
        }
        return ids;
    }

    private static List<String> ids(int... numbers) {
        List<String> ids = new ArrayList<>();
        for (int n : numbers) {
            ids.add(Notifications.id(n));
        }
        return ids;
    }

    @ParameterizedTest
    @EnumSource(Fsync.class)
    void aShortWriteLosesItsOwnEventOnlyAndLaterOnesSurviveARestart(Fsync fsync) throws Exception {
        Journal journal = faulty(fsync);
        JournalCursor cursor = journal.cursor("a", e -> true);
        for (int i = 0; i < 3; i++) {
            assertTrue(keep(journal, Notifications.numbered(i)));
        }
        files.failWrites(1, FaultyFiles.WriteFault.SHORT);
        assertFalse(keep(journal, Notifications.numbered(3)), "the torn event is reported lost");
        for (int i = 4; i < 8; i++) {
            assertTrue(keep(journal, Notifications.numbered(i)));
        }
        assertEquals(ids(0, 1, 2, 4, 5, 6, 7), drain(cursor));
        try (LogCapture log = LogCapture.start()) {
            assertEquals(ids(0, 1, 2, 4, 5, 6, 7), drain(reopened().cursor("a", e -> true)));
            assertEquals(List.of(), log.containing("RN-320"), "nothing is cut off at recovery");
        }
    }

    @ParameterizedTest
    @EnumSource(Fsync.class)
    void aDiskFullThatClearsLosesOnlyTheEventsOfWhileItWasFull(Fsync fsync) throws Exception {
        Journal journal = faulty(fsync);
        JournalCursor cursor = journal.cursor("a", e -> true);
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 12; i++) {
                files.diskFull(i >= 4 && i < 8);
                assertEquals(i < 4 || i >= 8, keep(journal, Notifications.numbered(i)), "event " + i);
            }
            assertEquals(1, log.containing("RN-321").size(), "one line for the streak: " + log.lines());
            assertTrue(log.containing("RN-321").get(0).contains("No space left on device"), log.lines().toString());
        }
        List<String> expected = ids(0, 1, 2, 3, 8, 9, 10, 11);
        assertEquals(expected, drain(cursor));
        assertEquals(expected, drain(reopened().cursor("a", e -> true)));
    }

    @Test
    void withFsyncAlwaysAFailedSyncNeitherHangsNorCountsAndTheNextEventsStartANewSegment() throws Exception {
        Journal journal = faulty(Fsync.ALWAYS);
        JournalCursor cursor = journal.cursor("a", e -> true);
        assertTrue(keep(journal, Notifications.numbered(0)));
        long syncs = journal.syncs();
        int segments = journal.segmentCount();
        files.failForces(1);
        try (LogCapture log = LogCapture.start()) {
            assertTimeoutPreemptively(BOUND, () -> assertTrue(keep(journal, Notifications.numbered(1)),
                    "written, so kept; its failed sync is logged"));
            assertEquals(1, log.containing("RN-325").size(), log.lines().toString());
        }
        assertEquals(syncs, journal.syncs(), "a failed sync is not counted as one");
        assertTimeoutPreemptively(BOUND, () -> {
            for (int i = 2; i < 6; i++) {
                assertTrue(keep(journal, Notifications.numbered(i)));
            }
        });
        assertEquals(segments + 1, journal.segmentCount(), "what the failed sync covered is behind a new segment");
        assertTrue(journal.syncs() > syncs);
        assertEquals(ids(0, 1, 2, 3, 4, 5), drain(cursor));
    }

    @Test
    void withFsyncAlwaysAFailedWriteIsReportedLostAndLaterCallersGoOn() throws Exception {
        Journal journal = faulty(Fsync.ALWAYS);
        JournalCursor cursor = journal.cursor("a", e -> true);
        files.failWrites(1, FaultyFiles.WriteFault.ERROR);
        assertTimeoutPreemptively(BOUND, () -> {
            assertFalse(keep(journal, Notifications.numbered(0)));
            assertTrue(keep(journal, Notifications.numbered(1)));
        });
        assertEquals(ids(1), drain(cursor));
    }

    @ParameterizedTest
    @EnumSource(Fsync.class)
    void aClosedByInterruptExceptionLosesOneEventAndTheJournalStaysOpen(Fsync fsync) throws Exception {
        Journal journal = faulty(fsync);
        JournalCursor cursor = journal.cursor("a", e -> true);
        files.failWrites(1, FaultyFiles.WriteFault.CLOSED_BY_INTERRUPT);
        assertFalse(keep(journal, Notifications.numbered(0)));
        for (int i = 1; i < 4; i++) {
            assertTrue(keep(journal, Notifications.numbered(i)));
        }
        assertEquals(ids(1, 2, 3), drain(cursor));
    }

    @ParameterizedTest
    @EnumSource(Fsync.class)
    void interruptedCallersNeitherCloseTheJournalNorLoseTheirEvents(Fsync fsync) throws Exception {
        Journal journal = journal(fsync, Duration.ofMillis(5), 16384, JournalFiles.SYSTEM);
        JournalCursor cursor = journal.cursor("a", e -> true);
        int threads = 16;
        int each = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Boolean>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                boolean allKept = true;
                for (int i = 0; i < each; i++) {
                    Thread.currentThread().interrupt(); // as after Future.cancel(true) in a request thread
                    allKept &= keep(journal, Notifications.numbered(thread * 1000 + i));
                }
                return allKept && Thread.interrupted(); // kept, and the caller's interrupt was left alone
            }));
        }
        for (Future<Boolean> f : done) {
            assertTrue(f.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(threads * each, drain(cursor).size());
        assertTrue(keep(journal, Notifications.numbered(99_999)), "the journal still takes events");
    }

    @Test
    void aMachineCrashNeverMakesACursorSkipTheEventsAfterIt() throws Exception {
        files = new FaultyFiles(dir);
        // no periodic sync: only a roll forces a segment, so the last segment is unsynced when the machine crashes
        Journal journal = journal(Fsync.INTERVAL, Duration.ofHours(1), 4096, files);
        JournalCursor delivered = journal.cursor("delivered", e -> true);
        JournalCursor behind = journal.cursor("behind", e -> true);
        for (int i = 0; i < 40; i++) {
            assertTrue(keep(journal, Notifications.numbered(i)));
        }
        assertEquals(40, drain(delivered).size());
        delivered.acknowledge(40);
        // the kernel wrote the cursor files back, not the last segment
        files.crash(file -> file.getParent().getFileName().toString().equals("segments"));
        journal.close();

        try (LogCapture log = LogCapture.start()) {
            Journal restarted = journal(Fsync.INTERVAL, Duration.ofMillis(20), 4096, JournalFiles.SYSTEM);
            JournalCursor resumed = restarted.cursor("delivered", e -> true);
            JournalCursor stillBehind = restarted.cursor("behind", e -> true);
            assertEquals(1, log.containing("RN-327").size(), log.lines().toString());
            List<String> survived = drain(stillBehind);
            assertTrue(survived.size() > 0 && survived.size() < 40, "the synced segments: " + survived.size());
            assertEquals(Notifications.ids(0, survived.size()), survived, "what was synced survived, in order");
            for (int i = 100; i < 105; i++) {
                assertTrue(keep(restarted, Notifications.numbered(i)));
            }
            assertEquals(Notifications.ids(100, 105), drain(resumed), "new events are not skipped");
        }
        assertTrue(Files.exists(dir.resolve("segments")));
    }

    /**
     * Reads that fail, at any point, under a cursor with a filter (its journal's index reads too): the cursor is
     * polled again, as its endpoint's worker does, and gets what a cursor reading every record gets.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5, 13, 40, 101})
    void failedReadsUnderAnIndexedCursorLoseNothing(int readsBefore) throws Exception {
        files = new FaultyFiles(dir);
        Journal journal = journal(Fsync.INTERVAL, Duration.ofMillis(20), 8192, files);
        JournalCursor indexed = journal.cursor("indexed", new EndpointFilter(IgnoreConfig.NONE, new FilterConfig(
                List.of(Glob.repository("team/*1")), List.of(), Set.of(), Set.of(), Set.of())));
        JournalCursor reading = journal.cursor("reading", e -> e.repository().value().equals("team/r1"));
        for (int i = 0; i < 300; i++) {
            assertTrue(keep(journal, Notifications.pushedTo(i, RepositoryName.of("team/r" + i % 3))));
        }
        files.failReadsAfter(readsBefore, 3);
        List<String> got = new ArrayList<>();
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                for (RegistryEvent e = indexed.poll(); e != null; e = indexed.poll()) {
                    got.add(e.id());
                }
                break;
            } catch (UncheckedIOException e) {
                // the worker polls again; the cursor is still before the record it could not read
            }
        }
        files.heal();
        assertEquals(drain(reading), got);
    }

    /**
     * After a machine crash took the log's tail, an endpoint that delivers nothing before the next restart (its
     * receiver down) must not come back at its old position, now in the middle of events written since.
     */
    @Test
    void anEndpointMovedToTheEndAfterACrashResumesThereAfterTheNextRestart() throws Exception {
        files = new FaultyFiles(dir);
        Journal journal = journal(Fsync.INTERVAL, Duration.ofHours(1), 4096, files);
        JournalCursor delivered = journal.cursor("delivered", e -> true);
        for (int i = 0; i < 40; i++) {
            assertTrue(keep(journal, Notifications.numbered(i)));
        }
        assertEquals(40, drain(delivered).size());
        delivered.acknowledge(40);
        files.crash(file -> file.getParent().getFileName().toString().equals("segments"));
        journal.close();

        Journal restarted = journal(Fsync.INTERVAL, Duration.ofMillis(20), 4096, JournalFiles.SYSTEM);
        restarted.cursor("delivered", e -> true); // its receiver is down: it delivers nothing
        for (int i = 100; i < 160; i++) {
            assertTrue(keep(restarted, Notifications.numbered(i)));
        }
        restarted.close();

        Journal again = journal(Fsync.INTERVAL, Duration.ofMillis(20), 4096, JournalFiles.SYSTEM);
        assertEquals(Notifications.ids(100, 160), drain(again.cursor("delivered", e -> true)),
                "the events written after the crash are delivered");
    }

    @Test
    void withFsyncAlwaysAMachineCrashKeepsEveryEventWhoseCallReturnedBeforeIt() throws Exception {
        Journal journal = faulty(Fsync.ALWAYS);
        journal.cursor("a", e -> true);
        AtomicBoolean crashing = new AtomicBoolean();
        List<String> durable = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 5000 && !crashing.get(); i++) {
                    RegistryEvent event = Notifications.numbered(thread * 10_000 + i);
                    if (keep(journal, event) && !crashing.get()) {
                        durable.add(event.id());
                    }
                }
                return null;
            }));
        }
        while (durable.size() < 400) {
            Thread.onSpinWait();
        }
        crashing.set(true);
        files.crash(file -> true);
        for (Future<?> f : done) {
            f.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
        pool.shutdown();
        journal.close();

        List<String> recovered = drain(journal(Fsync.ALWAYS, Duration.ofMillis(20), 1 << 20, JournalFiles.SYSTEM)
                .cursor("a", e -> true));
        List<String> missing = durable.stream().filter(id -> !recovered.contains(id)).toList();
        assertEquals(List.of(), missing, "of " + durable.size() + " synced events");
    }

    @Test
    void aSecondProcessIsRefusedUntilTheFirstDiesHoweverItDies() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), JournalHolder.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("open", assertTimeoutPreemptively(BOUND, out::readLine));
            UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                    () -> journal(Fsync.INTERVAL, Duration.ofMillis(20), 1 << 20, JournalFiles.SYSTEM));
            assertTrue(refused.getMessage().contains(dir.toString())
                    && refused.getMessage().contains("in use by another process"), refused.getMessage());
        } finally {
            holder.destroyForcibly(); // SIGKILL: the OS releases its lock
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(keep(journal(Fsync.INTERVAL, Duration.ofMillis(20), 1 << 20, JournalFiles.SYSTEM),
                Notifications.numbered(0)));
    }

    @Test
    void newSegmentsAndPositionsHaveTheirDirectoryForced() {
        files = new FaultyFiles(dir);
        Journal journal = journal(Fsync.INTERVAL, Duration.ofMillis(20), 4096, files);
        journal.cursor("a", e -> true);
        long before = files.directorySyncs();
        for (int i = 0; i < 100; i++) {
            assertTrue(keep(journal, Notifications.numbered(i)));
        }
        assertTrue(journal.segmentCount() > 2, "segments: " + journal.segmentCount());
        assertEquals(before + journal.segmentCount() - 1, files.directorySyncs(), "one per new segment");
        assertTrue(before >= 2, "the first segment and the cursor file");
    }

    @Test
    void aSecondJournalOnTheSameDirectoryIsRefusedWithAClearError() {
        journal(Fsync.INTERVAL, Duration.ofMillis(20), 1 << 20, JournalFiles.SYSTEM);
        UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                () -> journal(Fsync.INTERVAL, Duration.ofMillis(20), 1 << 20, JournalFiles.SYSTEM));
        assertTrue(refused.getMessage().contains(dir.toString()) && refused.getMessage().contains("open already"),
                refused.getMessage());
    }
}
