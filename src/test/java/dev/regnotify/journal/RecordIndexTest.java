package dev.regnotify.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.regnotify.config.FilterConfig;
import dev.regnotify.config.Glob;
import dev.regnotify.config.IgnoreConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.delivery.EndpointFilter;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.BlobPushed;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.VariedEvents;

/**
 * A cursor with a filter reads only the records its filter may want, found by the journal's index, which reads each
 * record once for every such cursor: one that wants nothing passes every record without reading it, whether its filter
 * names repositories whole, with globs or not at all. What it gets is what a cursor reading every record gets, a
 * corrupt record included, for any filter.
 */
class RecordIndexTest {

    private static final int EVENTS = 600;

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private Journal journal() {
        return closer.keep(Journal.open(new JournalConfig(dir, JournalConfig.Fsync.INTERVAL, Duration.ofMillis(20),
                1 << 30, 16 << 10), Executors.defaultThreadFactory()));
    }

    private static RepositoryName repository(int i) {
        return RepositoryName.of("team/r" + i % 3);
    }

    private static Predicate<RegistryEvent> of(String repository) {
        return event -> event.repository().value().equals(repository);
    }

    private static EndpointFilter repositories(String... globs) {
        return new EndpointFilter(IgnoreConfig.NONE, new FilterConfig(Stream.of(globs).map(Glob::repository).toList(),
                List.of(), Set.of(), Set.of(), Set.of()));
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
        JournalCursor one = journal.cursor("one", repositories("team/r1"));
        JournalCursor two = journal.cursor("two", repositories("team/r2"));
        JournalCursor none = journal.cursor("none", repositories("team/nothing"));
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
        journal.cursor("indexed", repositories("team/r1"));
        journal.cursor("reading", of("team/r1"));
        for (int i = 0; i < EVENTS; i++) {
            journal.append(Notifications.pushedTo(i, repository(i)));
        }
        journal.close();
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
        List<String> indexed = drain(reopened.cursor("indexed", repositories("team/r1")));
        List<String> reading = drain(reopened.cursor("reading", of("team/r1")));
        assertTrue(indexed.size() < EVENTS / 3, "the corrupt segment's rest was skipped");
        assertEquals(reading, indexed);
    }

    @Test
    void cursorsWhoseGlobsOrActionsMatchNothingPassEveryRecordUnread() throws Exception {
        Journal journal = journal();
        JournalCursor glob = journal.cursor("glob", repositories("other/*", "team/**/nothing"));
        JournalCursor pulls = journal.cursor("pulls", new EndpointFilter(IgnoreConfig.NONE, new FilterConfig(
                List.of(), List.of(), Set.of("pull"), Set.of(), Set.of())));
        JournalCursor ignoring = journal.cursor("ignoring", new EndpointFilter(new IgnoreConfig(Set.of(),
                Set.of("push")), FilterConfig.ALL));
        JournalCursor team = journal.cursor("team", repositories("team/*"));
        for (int i = 0; i < EVENTS; i++) {
            journal.append(Notifications.pushedTo(i, repository(i)));
        }
        assertEquals(List.of(), drain(glob));
        assertEquals(List.of(), drain(pulls));
        assertEquals(List.of(), drain(ignoring));
        assertEquals(EVENTS, drain(team).size());
        for (JournalCursor cursor : List.of(glob, pulls, ignoring)) {
            assertEquals(journal.end(), cursor.acknowledged(), "a cursor that wants nothing moved past every record");
        }
        assertEquals(EVENTS, journal.index().decoded(), "the index read each record once for the four cursors");
    }

    /**
     * More segments than the index keeps ranges for, and a cursor far behind the others: the range it builds is the
     * lowest of them, and must be kept while it walks it, or each record it reads has the rest of its segment read
     * again.
     */
    @Test
    void aCursorBehindEveryRangeKeptReadsEachRecordOnceMore() throws Exception {
        Journal journal = journal();
        JournalCursor behind = journal.cursor("behind", repositories("team/r0", "team/r1"));
        JournalCursor reading = journal.cursor("reading", event -> !event.repository().value().equals("team/r2"));
        JournalCursor ahead = journal.cursor("ahead", repositories("team/nothing"));
        int events = 0;
        while (journal.segmentCount() < 90) {
            journal.append(Notifications.pushedTo(events, repository(events)));
            events++;
        }
        assertEquals(List.of(), drain(ahead));
        long decoded = journal.index().decoded();
        assertEquals(drain(reading), drain(behind));
        assertTrue(journal.index().decoded() - decoded <= events, "the index read "
                + (journal.index().decoded() - decoded) + " records for the cursor behind, of " + events);
    }

    /**
     * Each record a group of its own (a registry of many repositories) and large: the index keeps one decoded event
     * of each group, and those must not add up to the journal itself in memory.
     */
    @Test
    void theSamplesTheIndexKeepsAreBoundedWhenEveryRecordIsAGroupOfItsOwn() throws Exception {
        Journal journal = Journal.open(new JournalConfig(dir, JournalConfig.Fsync.INTERVAL, Duration.ofMillis(20),
                1L << 30, 4 << 20), Executors.defaultThreadFactory());
        closer.keep(journal);
        JournalCursor none = journal.cursor("none", repositories("team/nothing"));
        JournalCursor some = journal.cursor("some", repositories("team/*7"));
        JournalCursor reading = journal.cursor("reading", event -> event.repository().value().endsWith("7"));
        String agent = "a".repeat(8 << 10);
        for (int i = 0; i < 5_000; i++) {
            journal.append(new BlobPushed(new EventMetadata(Notifications.id(i), Instant.now(), new RequestRecord(
                    "req", "", "", "PUT", agent), ActorRecord.ANONYMOUS, new SourceRecord("src", "i")),
                    RepositoryName.of("team/r" + i), new Descriptor("application/octet-stream", 10,
                            Digest.parse("sha256:" + "0".repeat(64)))));
        }
        assertTrue(journal.end() > 4 * RecordIndex.MAX_SAMPLE_BYTES / 2, "the journal holds more than the bound");
        assertEquals(List.of(), drain(none));
        assertEquals(drain(reading), drain(some));
        assertTrue(journal.index().sampleBytes() <= RecordIndex.MAX_SAMPLE_BYTES + 2 * RecordIndex
                .MAX_RANGE_SAMPLE_BYTES, "the index keeps " + journal.index().sampleBytes() + " bytes of samples");
    }

    /** Any filter, over events of every type: the indexed cursor gets exactly what a reading cursor gets. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void forAnyFilterACursorGetsWhatACursorReadingEveryRecordGets(long seed) throws Exception {
        Journal journal = journal();
        VariedEvents varied = new VariedEvents(seed);
        Map<JournalCursor, JournalCursor> pairs = new LinkedHashMap<>();
        Map<JournalCursor, EndpointFilter> filters = new HashMap<>();
        for (int c = 0; c < 12; c++) {
            EndpointFilter filter = new EndpointFilter(varied.ignore(), varied.filter());
            JournalCursor indexed = journal.cursor("indexed-" + c, filter);
            pairs.put(indexed, journal.cursor("reading-" + c, filter::accepts));
            filters.put(indexed, filter);
        }
        for (int i = 0; i < EVENTS * 2; i++) {
            journal.append(varied.event(i));
            if (i % 500 == 0) {
                // some cursors read midway, so that ranges start where a cursor was, not only at a segment's start
                drainHalf(pairs);
            }
        }
        assertTrue(journal.segmentCount() > 3, "the events span several segments");
        for (Map.Entry<JournalCursor, JournalCursor> pair : pairs.entrySet()) {
            assertEquals(drain(pair.getValue()), drain(pair.getKey()), "seed " + seed + ", "
                    + filters.get(pair.getKey()));
        }
    }

    /**
     * Cursors on threads of their own read while events are appended and segments roll: ranges grow under some of them
     * while others walk what they held when they asked.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void cursorsOnManyThreadsGetWhatCursorsReadingEveryRecordGet(long seed) throws Exception {
        Journal journal = journal();
        VariedEvents varied = new VariedEvents(seed);
        List<JournalCursor> indexed = new ArrayList<>();
        List<JournalCursor> reading = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            EndpointFilter filter = new EndpointFilter(varied.ignore(), varied.filter());
            indexed.add(journal.cursor("indexed-" + c, filter));
            reading.add(journal.cursor("reading-" + c, filter::accepts));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicBoolean appending = new AtomicBoolean(true);
        List<Future<List<String>>> got = new ArrayList<>();
        for (JournalCursor cursor : indexed) {
            got.add(pool.submit(() -> {
                List<String> ids = new ArrayList<>();
                while (true) {
                    boolean last = !appending.get();
                    List<String> some = drain(cursor);
                    cursor.acknowledge(some.size());
                    ids.addAll(some);
                    if (last) {
                        return ids;
                    }
                }
            }));
        }
        for (int i = 0; i < EVENTS * 4; i++) {
            journal.append(varied.event(i));
        }
        appending.set(false);
        for (int c = 0; c < indexed.size(); c++) {
            assertEquals(drain(reading.get(c)), got.get(c).get(60, TimeUnit.SECONDS), "seed " + seed + ", cursor " + c);
        }
        pool.shutdown();
    }

    /** Each pair's cursors read and acknowledge alike: the first half of the pairs to their end. */
    private static void drainHalf(Map<JournalCursor, JournalCursor> pairs) throws InterruptedException {
        int n = 0;
        for (Map.Entry<JournalCursor, JournalCursor> pair : pairs.entrySet()) {
            if (n++ % 2 == 0) {
                assertEquals(drainAndAcknowledge(pair.getValue()), drainAndAcknowledge(pair.getKey()));
            }
        }
    }

    private static List<String> drainAndAcknowledge(JournalCursor cursor) throws InterruptedException {
        List<String> ids = drain(cursor);
        cursor.acknowledge(ids.size());
        return ids;
    }
}
