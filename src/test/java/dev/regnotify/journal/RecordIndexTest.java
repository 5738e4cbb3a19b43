package dev.regnotify.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Notifications;

/**
 * A cursor that wants only repositories it names reads only their records, found by the journal's index, which reads
 * each record once for every such cursor; one that wants none passes every record without reading it. What it gets
 * is what a cursor reading every record gets, a corrupt record included.
 */
class RecordIndexTest {

    private static final int EVENTS = 600;

    @TempDir
    Path dir;

    private final List<Journal> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(Journal::close);
    }

    private Journal journal() {
        Journal journal = Journal.open(new JournalConfig(dir, JournalConfig.Fsync.INTERVAL, Duration.ofMillis(20),
                1 << 30, 16 << 10), Executors.defaultThreadFactory());
        open.add(journal);
        return journal;
    }

    private static RepositoryName repository(int i) {
        return RepositoryName.of("team/r" + i % 3);
    }

    private static Predicate<RegistryEvent> of(String repository) {
        return event -> event.repository().value().equals(repository);
    }

    private static List<String> drain(JournalCursor cursor) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (RegistryEvent e = cursor.poll(Duration.ZERO); e != null; e = cursor.poll(Duration.ZERO)) {
            ids.add(e.id());
        }
        return ids;
    }

    @Test
    void aCursorForNamedRepositoriesReadsOnlyTheirRecordsAndOneForNoneReadsNothing() throws Exception {
        Journal journal = journal();
        JournalCursor one = journal.cursor("one", of("team/r1"), Set.of("team/r1"));
        JournalCursor two = journal.cursor("two", of("team/r2"), Set.of("team/r2"));
        JournalCursor none = journal.cursor("none", of("team/nothing"), Set.of("team/nothing"));
        JournalCursor every = journal.cursor("every", of("team/r1"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            journal.append(Notifications.pushedTo(i, repository(i)));
            if (i % 3 == 1) {
                expected.add(Notifications.id(i));
            }
        }
        assertTrue(journal.segmentCount() > 3, "the events span several segments");
        assertEquals(expected, drain(one));
        assertEquals(expected, drain(every));
        assertEquals(EVENTS / 3, drain(two).size());
        assertEquals(List.of(), drain(none));
        assertEquals(journal.end(), none.acknowledged(), "a cursor that wants nothing moved past every record");
        assertEquals(EVENTS, journal.index().decoded(), "the index read each record once for the three cursors");
    }

    @Test
    void aCorruptRecordIsSkippedAsByACursorThatReadsEveryRecord() throws Exception {
        Journal journal = journal();
        journal.cursor("indexed", of("team/r1"), Set.of("team/r1"));
        journal.cursor("reading", of("team/r1"));
        for (int i = 0; i < EVENTS; i++) {
            journal.append(Notifications.pushedTo(i, repository(i)));
        }
        journal.close();
        open.remove(journal);
        Path first;
        try (Stream<Path> files = Files.list(dir.resolve("segments"))) {
            first = files.sorted().findFirst().orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(first.toFile(), "rw")) {
            long middle = file.length() / 2;
            file.seek(middle);
            int b = file.read();
            file.seek(middle);
            file.write(b ^ 0xff);
        }
        Journal reopened = journal();
        List<String> indexed = drain(reopened.cursor("indexed", of("team/r1"), Set.of("team/r1")));
        List<String> reading = drain(reopened.cursor("reading", of("team/r1")));
        assertTrue(indexed.size() < EVENTS / 3, "the corrupt segment's rest was skipped");
        assertEquals(reading, indexed);
    }
}
