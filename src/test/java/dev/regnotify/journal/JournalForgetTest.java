package dev.regnotify.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;

/**
 * Forgetting an endpoint at start-up, before the other endpoints' cursors are open: the segments those endpoints have
 * still to deliver stay, through the journal's periodic passes, until every cursor is open and one moves.
 */
class JournalForgetTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private Journal journal() {
        return closer.keep(Journal.open(new JournalConfig(dir, JournalConfig.Fsync.INTERVAL, Duration.ofMillis(20),
                1L << 30, 4096), Executors.defaultThreadFactory()));
    }

    private static List<String> drain(JournalCursor cursor) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (RegistryEvent e = cursor.poll(Duration.ZERO); e != null; e = cursor.poll()) {
            ids.add(e.id());
        }
        return ids;
    }

    @Test
    void forgettingAnEndpointBeforeTheOthersAreOpenDeletesNothingTheyHaveStillToDeliver() throws Exception {
        Journal first = journal();
        first.cursor("behind", e -> true);
        first.cursor("gone", e -> true);
        for (int i = 0; i < 100; i++) {
            assertTrue(first.append(Notifications.numbered(i)) >= 0);
        }
        int segments = first.segmentCount();
        assertTrue(segments > 2, "the events fill several segments: " + segments);
        first.close();

        Journal journal = journal();
        journal.forget("gone"); // its subscription was deleted while the process was down
        long passes = journal.periodicPasses();
        Polling.await("two periodic passes", () -> journal.periodicPasses() >= passes + 2);
        assertEquals(segments, journal.segmentCount(), "no segment was deleted before every cursor was open");
        assertEquals(Notifications.ids(0, 100), drain(journal.cursor("behind", e -> true)));
    }

    @Test
    void forgettingALaggingEndpointOnceCursorsMoveDeletesWhatOnlyItHeldBack() throws Exception {
        Journal journal = journal();
        JournalCursor ahead = journal.cursor("ahead", e -> true);
        journal.cursor("behind", e -> true);
        for (int i = 0; i < 100; i++) {
            assertTrue(journal.append(Notifications.numbered(i)) >= 0);
        }
        assertEquals(100, drain(ahead).size());
        ahead.acknowledge(100);
        assertTrue(journal.segmentCount() > 2, "behind holds the segments back: " + journal.segmentCount());

        journal.forget("behind");
        assertEquals(1, journal.segmentCount(), "only the segment being written is left");
    }
}
