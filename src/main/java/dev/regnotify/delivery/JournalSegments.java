package dev.regnotify.delivery;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The journal's segment files: named by the log offset of their first byte, so that they are contiguous and a
 * position in the log is one number. Keeps how many bytes they hold, recovers the last one's tail, and deletes the
 * ones every reader has passed. Thread-safe: the map is concurrent, the journal serializes creation.
 */
final class JournalSegments {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");
    private static final String SUFFIX = ".log";

    private final Path dir;
    private final ConcurrentSkipListMap<Long, Path> files = new ConcurrentSkipListMap<>();
    private final AtomicLong retainedBytes = new AtomicLong();

    JournalSegments(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    /**
     * Finds the segments and verifies the last one record by record, cutting off a torn or corrupt tail.
     *
     * @return the log's end: where the next record goes
     */
    long recover() throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path file : listing.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String name = file.getFileName().toString();
                files.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), file);
            }
        }
        if (files.isEmpty()) {
            return 0;
        }
        long lastBase = files.lastKey();
        Path last = files.get(lastBase);
        long valid = JournalReader.validLength(last);
        long size = Files.size(last);
        if (valid < size) {
            try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE)) {
                channel.truncate(valid);
                channel.force(true);
            }
            LOG.log(Level.WARNING, "RN-320 journal segment {0}: a torn or corrupt record at offset {1}; the last {2} "
                    + "bytes were cut off, every record before them is kept", last.getFileName(),
                    LogNumbers.plain(valid), LogNumbers.plain(size - valid));
        }
        for (Map.Entry<Long, Path> segment : files.entrySet()) {
            retainedBytes.addAndGet(segment.getKey() == lastBase ? valid : Files.size(segment.getValue()));
        }
        return lastBase + valid;
    }

    /** @return the segment starting at {@code base}, opened for appending (created if new) */
    FileChannel openForAppend(long base) throws IOException {
        Path file = dir.resolve(String.format("%020d%s", base, SUFFIX));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.position(channel.size());
        files.put(base, file);
        return channel;
    }

    /** @return the segment holding the byte at {@code position}, with its base offset */
    Map.Entry<Long, Path> at(long position) {
        return files.floorEntry(position);
    }

    /** @return the base of the segment after the one based at {@code base}, or -1 if that one is the last */
    long next(long base) {
        Long next = files.higherKey(base);
        return next == null ? -1 : next;
    }

    long oldest() {
        return files.firstKey();
    }

    int count() {
        return files.size();
    }

    long retainedBytes() {
        return retainedBytes.get();
    }

    void added(long bytes) {
        retainedBytes.addAndGet(bytes);
    }

    /** Deletes the segments that end at or before {@code position}, never the last one (being written). */
    void deleteBefore(long position) {
        for (Map.Entry<Long, Path> segment : files.entrySet()) {
            long next = next(segment.getKey());
            if (next < 0 || next > position) {
                return;
            }
            try {
                Files.deleteIfExists(segment.getValue());
                files.remove(segment.getKey());
                retainedBytes.addAndGet(-(next - segment.getKey()));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "RN-324 journal segment " + segment.getValue() + " could not be deleted", e);
                return;
            }
        }
    }
}
