package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.JournalConfig.Fsync;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.journal.Journal;
import dev.regnotify.journal.JournalCursor;
import dev.regnotify.journal.JournalFiles;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.Notifications;

/**
 * A cursor whose opening fails part way (its log cannot be read, or its position cannot be rewritten): the files it
 * opened are closed again, the failure names the endpoint, and the next open, once the fault is gone, resumes where
 * the endpoint was.
 */
class CursorOpenFaultsTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private Journal journal(JournalFiles files) {
        // no periodic sync: only a roll forces a segment, and the journal's thread opens nothing meanwhile
        return closer.keep(Journal.open(new JournalConfig(dir, Fsync.INTERVAL, Duration.ofHours(1), 1L << 30, 4096),
                files, Executors.defaultThreadFactory()));
    }

    private void restart() throws Exception {
        closer.close();
    }

    private static List<String> drain(JournalCursor cursor) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (RegistryEvent e = cursor.poll(Duration.ZERO); e != null; e = cursor.poll()) {
            ids.add(e.id());
        }
        return ids;
    }

    @Test
    void aCursorWhoseBacklogCannotBeCountedClosesItsFilesAndNamesItsEndpoint() throws Exception {
        Journal first = journal(JournalFiles.SYSTEM);
        first.cursor("hook", e -> true);
        for (int i = 0; i < 40; i++) {
            assertTrue(first.append(Notifications.numbered(i)) >= 0);
        }
        restart();

        FaultyFiles files = new FaultyFiles(dir);
        Journal journal = journal(files);
        int before = files.openFiles();
        files.failReads(1);
        UncheckedIOException failed = assertThrows(UncheckedIOException.class, () -> journal.cursor("hook", e -> true));
        assertEquals(before, files.openFiles(), "the files the failed open opened are closed");
        assertTrue(failed.getMessage().contains("cannot open the journal cursor of endpoint hook"), failed.getMessage());

        files.heal();
        assertEquals(Notifications.ids(0, 40), drain(journal.cursor("hook", e -> true)));
    }

    @Test
    void aCursorWhosePositionBeyondTheEndCannotBeRewrittenClosesItsFilesAndNamesItsEndpoint() throws Exception {
        FaultyFiles crashing = new FaultyFiles(dir);
        Journal journal = journal(crashing);
        JournalCursor delivered = journal.cursor("delivered", e -> true);
        for (int i = 0; i < 40; i++) {
            assertTrue(journal.append(Notifications.numbered(i)) >= 0);
        }
        assertEquals(40, drain(delivered).size());
        delivered.acknowledge(40);
        // the kernel wrote the position back, not the last segment: the position is beyond the log's end (RN-327)
        crashing.crash(file -> file.getParent().getFileName().toString().equals("segments"));
        restart();

        FaultyFiles files = new FaultyFiles(dir);
        Journal restarted = journal(files);
        int before = files.openFiles();
        files.positionsUnwritable(true);
        UncheckedIOException failed = assertThrows(UncheckedIOException.class,
                () -> restarted.cursor("delivered", e -> true));
        assertTrue(failed.getMessage().contains("cannot open the journal cursor of endpoint delivered"),
                failed.getMessage());
        assertEquals(before, files.openFiles(), "the files the failed open opened are closed");

        files.heal();
        JournalCursor resumed = restarted.cursor("delivered", e -> true);
        for (int i = 100; i < 105; i++) {
            assertTrue(restarted.append(Notifications.numbered(i)) >= 0);
        }
        assertEquals(Notifications.ids(100, 105), drain(resumed), "it resumes at the log's end");
    }
}
