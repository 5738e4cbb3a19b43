package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.delivery.deadletter.DeadLetterStore;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.journal.Journal;
import dev.regnotify.testing.Notifications;

/**
 * Events a journal gives up for a lagging endpoint become a letter only where a restart finds it; when that letter
 * cannot be written, nothing changes: no letter appears, even for a moment, and no older letter is pushed out for it.
 */
class OverrunLetterFaultsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anOverrunLetterThatCannotBeWrittenPushesNoOlderLetterOut() throws Exception {
        FaultyFiles files = new FaultyFiles(dir);
        try (Journal journal = Journal.open(JournalConfig.in(dir), files, Executors.defaultThreadFactory())) {
            AtomicLong dropped = new AtomicLong();
            DeadLetterStore store = new DeadLetterStore("gone", 3, journal.deadLetterFiles("gone"));
            DeadLetterDesk desk = new DeadLetterDesk("gone", store, 3, new EndpointCounters("gone",
                    URI.create("http://127.0.0.1:9/")), () -> 0, event -> { }, dropped::addAndGet,
                    Clock.fixed(NOW, ZoneOffset.UTC));
            desk.keep(new DeadLetter(0, "gone", events(0, 3), 5, NOW, NOW, "500"));

            files.deadLettersUnwritable(true);
            assertFalse(desk.keepOverrun(events(3, 5), "the journal made room"), "not kept: it stays queued");

            assertEquals(List.of(1L), store.list().stream().map(DeadLetter::id).toList(), "the older letter stays");
            assertEquals(0, dropped.get(), "nothing was dropped");
        }
    }

    private static List<RegistryEvent> events(int from, int to) {
        return IntStream.range(from, to).<RegistryEvent>mapToObj(Notifications::numbered).toList();
    }
}
