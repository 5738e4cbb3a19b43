package dev.regnotify.journal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.regnotify.records.EventRecords;

/**
 * The journal's segment files: named by the log offset of their first byte, so that they are contiguous and a
 * position in the log is one number. Recovers the last one's tail, creates new ones durably, and deletes the ones
 * every reader has passed. Knows the time of each segment's first event (read once, when first asked), so that a
 * replay by time finds its segment and retention knows a segment's age: segment {@code i} holds no event newer than
 * the first of segment {@code i+1}. Thread-safe: the map is concurrent, the journal serializes creation, and a
 * segment is deleted and opened for reading under this object's lock, so that a reader never recreates a deleted
 * file (a file open for reading can still be read once deleted).
 */
final class JournalSegments {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.journal");
    private static final String SUFFIX = ".log";

    private final Path dir;
    private final JournalFiles files;
    private final ConcurrentSkipListMap<Long, Path> segments = new ConcurrentSkipListMap<>();
    private final Map<Long, Instant> firstTimes = new ConcurrentHashMap<>();
    // under this object's lock: once the journal lets its directory go, nothing in it is deleted
    private boolean closed;

    /** Which of the oldest segments may go. */
    @FunctionalInterface
    interface Deletable {
        /**
         * @param base where the segment starts
         * @param next where the one after it starts (it is never the last)
         * @return whether it may be deleted
         */
        boolean test(long base, long next);
    }

    JournalSegments(Path dir, JournalFiles files) throws IOException {
        this.dir = dir;
        this.files = files;
        Files.createDirectories(dir);
    }

    /**
     * Finds the segments and verifies the last one record by record, cutting off a torn or corrupt tail. Earlier
     * segments are not read: they were forced before the next one was started (a segment whose force failed is
     * read with its corrupt records skipped).
     *
     * @return the log's end: where the next record goes
     */
    long recover() throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path file : listing.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String name = file.getFileName().toString();
                segments.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), file);
            }
        }
        if (segments.isEmpty()) {
            return 0;
        }
        long lastBase = segments.lastKey();
        Path last = segments.get(lastBase);
        try (JournalFile file = files.open(last)) {
            long valid = new JournalReader(file).validLength();
            long size = file.size();
            if (valid < size) {
                file.truncate(valid);
                file.force();
                LOG.log(Level.WARNING, "RN-320 journal segment {0}: a torn or corrupt record at offset {1}; the last "
                        + "{2} bytes were cut off, every record before them is kept", last.getFileName(),
                        Long.toString(valid), Long.toString(size - valid));
            }
            return lastBase + valid;
        }
    }

    /** @return the segment starting at {@code base}, open for writing; a new file's directory entry is forced */
    JournalFile openForAppend(long base) throws IOException {
        Path path = dir.resolve(String.format("%020d%s", base, SUFFIX));
        boolean created = !Files.exists(path);
        JournalFile file = files.open(path);
        segments.put(base, path);
        if (created) {
            files.syncDirectory(dir);
        }
        return file;
    }

    /** @return a new reader of the segment starting at {@code base} */
    JournalReader reader(long base) throws IOException {
        JournalReader reader = readerIfKept(base);
        if (reader == null) {
            throw new IOException("journal segment " + base + " was deleted");
        }
        return reader;
    }

    /** @return a new reader of the segment starting at {@code base}, or null if it was deleted */
    synchronized JournalReader readerIfKept(long base) throws IOException {
        Path path = segments.get(base);
        return path == null ? null : new JournalReader(files.open(path));
    }

    /**
     * @param base a segment's base
     * @return the time of its first event; null if it has none yet, was deleted, or its first record cannot be read
     */
    Instant firstTime(long base) {
        Instant known = firstTimes.get(base);
        if (known != null) {
            return known;
        }
        try (JournalReader reader = readerIfKept(base)) {
            byte[] first = reader == null ? null : reader.first();
            if (first == null) {
                return null;
            }
            Instant time = EventRecords.decode(first).timestamp();
            firstTimes.put(base, time);
            return time;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "the first record of journal segment {0} cannot be read: {1}", base, e);
            return null;
        }
    }

    /** @return the bases of the segments, the newest first */
    List<Long> newestFirst() {
        return List.copyOf(segments.descendingKeySet());
    }

    /** Runs {@code work} while no segment is deleted. */
    synchronized <T> T whileKept(Supplier<T> work) {
        return work.get();
    }

    /** @return the base of the segment holding the byte at {@code position}, or -1 if it was deleted */
    long baseOf(long position) {
        Long base = segments.floorKey(position);
        return base == null ? -1 : base;
    }

    /** @return the base of the segment after the one based at {@code base}, or -1 if that one is the last */
    long next(long base) {
        Long next = segments.higherKey(base);
        return next == null ? -1 : next;
    }

    /** @return the base of the oldest segment, or 0 if there is none */
    long oldest() {
        Map.Entry<Long, Path> first = segments.firstEntry();
        return first == null ? 0 : first.getKey();
    }

    int count() {
        return segments.size();
    }

    /** Deletes the segments that end at or before {@code position}, never the last one (being written). */
    void deleteBefore(long position) {
        deleteOldest((base, next) -> next <= position);
    }

    /**
     * Deletes the oldest segments, one after the other while {@code deletable} lets it, never the last one.
     *
     * @return how many were deleted
     */
    synchronized int deleteOldest(Deletable deletable) {
        int deleted = 0;
        if (closed) {
            return deleted;
        }
        for (Map.Entry<Long, Path> segment : segments.entrySet()) {
            long next = next(segment.getKey());
            if (next < 0 || !deletable.test(segment.getKey(), next)) {
                return deleted;
            }
            try {
                Files.deleteIfExists(segment.getValue());
                segments.remove(segment.getKey());
                firstTimes.remove(segment.getKey());
                deleted++;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "RN-324 journal segment " + segment.getValue() + " could not be deleted", e);
                return deleted;
            }
        }
        return deleted;
    }

    /**
     * The journal closes: no segment is deleted from now on. A pass of the journal's thread that outlived the close
     * (moving a lagging endpoint on) would otherwise delete segments in a directory another journal may own by then.
     */
    synchronized void close() {
        closed = true;
    }
}
