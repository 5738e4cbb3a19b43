package dev.regnotify.delivery.attempts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.AttemptLogConfig;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;

/** The attempt log on disk, in temp folders: reopened, torn, retained, and failing to write. */
class AttemptFilesTest {

    private static final AttemptLogConfig SMALL = new AttemptLogConfig(1000, Duration.ofDays(7), 1L << 20);

    @TempDir
    Path dir;

    static Attempt attempt(int firstEvent, int events, int number, Attempt.Next next, String body) {
        List<EventSummary> carried = EventSummary.of(IntStream.range(firstEvent, firstEvent + events)
                .mapToObj(Notifications::numbered).toList());
        Instant start = Instant.parse("2026-12-03T14:00:00Z").plusSeconds(firstEvent);
        return new Attempt("scanner", 0, start, Duration.ofMillis(3), number, carried, 100 * events,
                next == Attempt.Next.DELIVERED ? 200 : 503, body, null, next == Attempt.Next.RETRY ? "5" : null,
                next, next == Attempt.Next.RETRY ? start.plusSeconds(5) : null);
    }

    private AttemptFiles open(AttemptLogConfig config) throws IOException {
        return AttemptFiles.open(dir, "scanner", config, Executors.defaultThreadFactory());
    }

    private static void awaitWritten(AttemptFiles files, long sequence) {
        Polling.await("attempt " + sequence + " written", () -> files.written() >= sequence);
    }

    private Path segments() {
        return dir.resolve(HexFormat.of().formatHex("scanner".getBytes(StandardCharsets.UTF_8)));
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> listing = Files.list(segments())) {
            return listing.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void attemptsSurviveAReopenAndAreFoundByEventIdWithTheirEvents() throws Exception {
        try (AttemptLog log = AttemptLog.onDisk(10, open(SMALL))) {
            log.record(attempt(1, 2, 1, Attempt.Next.RETRY, "busy"));
            log.record(attempt(1, 2, 2, Attempt.Next.DELIVERED, ""));
            log.record(attempt(3, 1, 1, Attempt.Next.DELIVERED, "ok"));
        }

        try (AttemptLog log = AttemptLog.onDisk(10, open(SMALL))) {
            List<Attempt> newest = log.newest(10, a -> true);
            assertEquals(List.of(3L, 2L, 1L), newest.stream().map(Attempt::sequence).toList());
            Attempt retried = newest.get(2);
            assertEquals("503 Service Unavailable: busy", retried.answer());
            assertEquals("retry at 2026-12-03T14:00:06Z", retried.nextText());
            assertEquals("5", retried.retryAfter());
            assertEquals(List.of(Notifications.id(1), Notifications.id(2)), retried.eventIds());
            assertEquals(2, retried.events().size(), "the ring starts with the newest attempts, with their summaries");
            Attempt fromFiles = log.carrying(Notifications.id(2)).get(1);
            assertEquals(Notifications.id(2), fromFiles.events().get(1).id());
            EventSummary second = fromFiles.events().get(1);
            EventSummary made = EventSummary.of(Notifications.numbered(2)); // at another time
            assertEquals(new EventSummary(made.id(), made.type(), made.action(), made.repository(), made.digest(),
                    second.timestamp()), second);
            assertEquals(retried.sequence(), log.lastFailure().sequence());
            assertEquals(3, log.lastSuccess().sequence());

            log.record(attempt(2, 1, 1, Attempt.Next.DEAD_LETTER, "no"));
            assertEquals(List.of(4L, 2L, 1L), log.carrying(Notifications.id(2)).stream().map(Attempt::sequence)
                    .toList(), "the ring's and the files' attempts, once each, newest first");
        }
        try (AttemptFiles files = open(SMALL)) {
            assertEquals(List.of(2L, 1L), files.carrying(Notifications.id(1)).stream().map(Attempt::sequence)
                    .toList(), "found from the files alone");
            assertEquals(List.of(), files.carrying(Notifications.id(99)));
        }
    }

    @Test
    void theRingAndTheFilesKeepTheSameSummaries() throws Exception {
        try (AttemptFiles files = open(SMALL); AttemptLog log = AttemptLog.onDisk(10, files)) {
            log.record(attempt(1, 3, 1, Attempt.Next.DELIVERED, ""));
            awaitWritten(files, 1);
            Attempt kept = log.newest(1, a -> true).get(0);
            assertEquals(Notifications.ids(1, 4), kept.eventIds());
            assertTrue(kept.carries(Notifications.id(2)));
            assertFalse(kept.carries(Notifications.id(4)));
            assertEquals(kept, files.carrying(Notifications.id(2)).get(0));
        }
    }

    @Test
    void aTornTailIsCutOnOpenAndTheAttemptsBeforeItRemain() throws Exception {
        try (AttemptLog log = AttemptLog.onDisk(10, open(SMALL))) {
            for (int i = 1; i <= 3; i++) {
                log.record(attempt(i, 1, 1, Attempt.Next.DELIVERED, "ok " + i));
            }
        }
        Path segment = files(".log").get(0);
        long intact = Files.size(segment);
        ByteBuffer next = AttemptCodec.encode(attempt(4, 1, 1, Attempt.Next.DELIVERED, "torn").numbered(4),
                ByteBuffer.allocate(16)).flip();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(next.limit(next.limit() / 2), intact); // a crash in the middle of a write
        }

        try (LogCapture captured = LogCapture.start(); AttemptLog log = AttemptLog.onDisk(10, open(SMALL))) {
            assertEquals(intact, Files.size(segment), "the torn record is cut");
            assertEquals(1, captured.containing("RN-362").size(), captured.lines().toString());
            assertEquals(List.of(3L, 2L, 1L), log.newest(10, a -> true).stream().map(Attempt::sequence).toList());
            log.record(attempt(4, 1, 1, Attempt.Next.DELIVERED, "after"));
        }
        try (AttemptFiles files = open(SMALL)) {
            assertEquals("after", files.carrying(Notifications.id(4)).get(0).body());
            assertEquals(4, files.lastSequence());
        }
    }

    @Test
    void aBrokenRecordEndsTheSegmentWhereItIs() throws Exception {
        try (AttemptLog log = AttemptLog.onDisk(10, open(SMALL))) {
            for (int i = 1; i <= 3; i++) {
                log.record(attempt(i, 1, 1, Attempt.Next.DELIVERED, "ok " + i));
            }
        }
        Path segment = files(".log").get(0);
        long size = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {0x55}), size - 3); // a bit flipped in the last record
        }
        try (AttemptLog log = AttemptLog.onDisk(10, open(SMALL))) {
            assertEquals(List.of(2L, 1L), log.newest(10, a -> true).stream().map(Attempt::sequence).toList());
            assertTrue(Files.size(segment) < size);
            assertEquals(List.of(), log.carrying(Notifications.id(3)));
        }
    }

    @Test
    void oldSegmentsGoWholeBySizeAndByAge() throws Exception {
        String body = "x".repeat(4000);
        try (AttemptLog log = AttemptLog.onDisk(10, open(SMALL))) {
            for (int i = 1; i <= 400; i++) {
                log.record(attempt(i, 1, 1, Attempt.Next.RETRY, body));
            }
        }
        long total = 0;
        for (Path file : files("")) {
            total += Files.size(file);
        }
        assertTrue(total <= SMALL.maxBytes(), total + " bytes kept");
        try (AttemptFiles files = open(SMALL)) {
            assertEquals(List.of(), files.carrying(Notifications.id(1)), "the oldest segment went");
            assertEquals(1, files.carrying(Notifications.id(400)).size());
        }
        List<Path> logs = files(".log");
        assertTrue(logs.size() > 2, logs.toString());
        Files.setLastModifiedTime(logs.get(0), FileTime.from(Instant.now().minus(Duration.ofDays(8))));

        try (AttemptFiles files = open(SMALL)) {
            assertEquals(logs.size() - 1, files(".log").size(), "the segment older than the retention went");
            assertFalse(Files.exists(logs.get(0)));
        }
    }

    @Test
    void aWriteThatFailsIsLoggedAndTheAttemptIsStillInMemory() throws Exception {
        String body = "x".repeat(4000);
        List<Path> blocked = new ArrayList<>();
        try (LogCapture captured = LogCapture.start(); AttemptFiles files = open(SMALL)) {
            AttemptLog log = AttemptLog.onDisk(1000, files);
            for (long sequence = 2; sequence <= 200; sequence++) {
                // where the next segments would go is taken: a new segment cannot be made
                blocked.add(Files.createDirectory(segments().resolve(String.format("%020d.log", sequence))));
            }
            for (int i = 1; i <= 100; i++) {
                log.record(attempt(i, 1, 1, Attempt.Next.RETRY, body));
            }
            assertEquals(100, log.newest(1000, a -> true).size(), "every attempt is in memory");
            Polling.await("a failed write said", () -> !captured.containing("RN-360").isEmpty());
            long written = files.written();
            assertTrue(written < 100, "written up to " + written);

            for (Path path : blocked) {
                Files.delete(path);
            }
            log.record(attempt(101, 1, 1, Attempt.Next.RETRY, body));
            awaitWritten(files, 101);
            assertEquals(1, files.carrying(Notifications.id(101)).size());
            assertEquals(1, captured.containing("are written again").size(), captured.lines().toString());
        }
    }
}
