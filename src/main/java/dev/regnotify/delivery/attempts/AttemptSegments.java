package dev.regnotify.delivery.attempts;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * One endpoint's attempt files: segments named by the sequence of their first attempt ({@code <sequence>.log}), each
 * with a {@link SegmentIndex} ({@code <sequence>.idx}), so that the attempts of one event are found by reading the
 * indexes and only the records they point at ({@link SegmentRecords}). A record is {@code [length][CRC-32C][payload]}
 * ({@link AttemptCodec}). On open, the last segment is read through: a torn or broken tail is cut, as the journal's,
 * and its index rebuilt; an index that is missing or torn is rebuilt too. Retention deletes whole segments, the oldest
 * first, never the one being written.
 *
 * <p>Appends, forces and retention run on the files' writer thread only; lookups run on any thread, reading the files
 * without a lock: a segment deleted meanwhile is skipped, and a record being written fails its CRC and is skipped.
 */
final class AttemptSegments implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");
    /** Records gathered up to this size are written at once, in one write and one of their index entries. */
    private static final int FLUSH_AT = 256 << 10;
    /** What the buffers shrink to after a flush, once a large record grew them past {@link #KEPT_BUFFER}. */
    private static final int BUFFER = 64 << 10;
    private static final int KEPT_BUFFER = 1 << 20;

    private final Path directory;
    private final String endpoint;
    private final long segmentBytes;
    // ascending; the last is the one being written
    private final List<Long> bases = new CopyOnWriteArrayList<>();
    private FileChannel log;
    private FileChannel idx;
    private long logSize;
    private long idxSize;
    private long lastSequence;
    // the writer thread's: the records appended and not yet written, their index entries, the newest one's sequence
    private ByteBuffer pending = ByteBuffer.allocate(BUFFER);
    private ByteBuffer pendingEntries = ByteBuffer.allocate(BUFFER / 8);
    private long pendingSequence;

    private AttemptSegments(Path directory, String endpoint, long segmentBytes) {
        this.directory = directory;
        this.endpoint = endpoint;
        this.segmentBytes = segmentBytes;
    }

    /** Opens, or creates, an endpoint's segments in the directory, recovering the last one. */
    static AttemptSegments open(Path directory, String endpoint, long segmentBytes) throws IOException {
        Files.createDirectories(directory);
        AttemptSegments segments = new AttemptSegments(directory, endpoint, segmentBytes);
        segments.recover();
        return segments;
    }

    private void recover() throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]{20}\\.log"))
                    .forEach(n -> found.add(Long.parseLong(n.substring(0, 20))));
        }
        Collections.sort(found);
        for (int i = 0; i < found.size(); i++) {
            long base = found.get(i);
            boolean last = i == found.size() - 1;
            Path idxPath = idxOf(base);
            if (last || !Files.exists(idxPath) || Files.size(idxPath) % SegmentIndex.ENTRY != 0) {
                rebuild(base, last);
            }
        }
        bases.addAll(found);
        for (int i = found.size() - 1; i >= 0 && lastSequence == 0; i--) {
            List<SegmentRecords.Found> records = SegmentRecords.intact(logOf(found.get(i)));
            if (!records.isEmpty()) {
                lastSequence = AttemptCodec.decode(endpoint, records.get(records.size() - 1).payload()).sequence();
            }
        }
        if (found.isEmpty()) {
            bases.add(lastSequence + 1);
        }
        openActive(bases.get(bases.size() - 1));
    }

    /** Reads a segment through, cuts a torn tail of the last one, and brings its index up to it. */
    private void rebuild(long base, boolean last) throws IOException {
        Path logPath = logOf(base);
        long size = Files.size(logPath);
        List<SegmentRecords.Found> records = SegmentRecords.intact(logPath);
        long end = records.isEmpty() ? 0 : records.get(records.size() - 1).end();
        if (end < size && last) {
            LOG.log(Level.WARNING, "RN-362 endpoint {0}: the attempt log''s last segment {1} ends in {2} bytes of a "
                    + "torn or broken record (a crash while writing); they are cut", endpoint, logPath,
                    Long.toString(size - end));
            try (FileChannel channel = FileChannel.open(logPath, StandardOpenOption.WRITE)) {
                channel.truncate(end);
                channel.force(true);
            }
        }
        SegmentIndex.rebuild(idxOf(base), records, payload -> AttemptCodec.decode(endpoint, payload));
    }

    private void openActive(long base) throws IOException {
        log = FileChannel.open(logOf(base), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        idx = FileChannel.open(idxOf(base), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        logSize = log.size();
        idxSize = idx.size() - idx.size() % SegmentIndex.ENTRY;
    }

    /** @return how many segments there are */
    int count() {
        return bases.size();
    }

    /** @return the sequence of the newest attempt on disk, or 0 */
    long lastSequence() {
        return lastSequence;
    }

    /** @return up to {@code count} of the newest attempts on disk, oldest first */
    List<Attempt> newest(int count) throws IOException {
        List<Attempt> newest = new ArrayList<>();
        for (int i = bases.size() - 1; i >= 0 && newest.size() < count; i--) {
            List<SegmentRecords.Found> records = SegmentRecords.intact(logOf(bases.get(i)));
            for (int r = records.size() - 1; r >= 0 && newest.size() < count; r--) {
                newest.add(AttemptCodec.decode(endpoint, records.get(r).payload()));
            }
        }
        Collections.reverse(newest);
        return newest;
    }

    /**
     * On the writer thread: gathers the record, written with the others at the next {@link #flush} (or once they are
     * 256 KiB); a record that does not fit the segment goes to the next, what precedes it written first.
     */
    void append(Attempt attempt) throws IOException {
        int start = pending.position();
        pending = AttemptCodec.encode(attempt, pending);
        int length = pending.position() - start;
        if (logSize + start > 0 && logSize + start + length > segmentBytes) {
            byte[] record = Arrays.copyOfRange(pending.array(), start, start + length);
            pending.position(start);
            flush();
            roll(attempt.sequence());
            pending.put(record);
            start = 0;
        }
        pendingEntries = SegmentIndex.entries(pendingEntries, attempt, logSize + start);
        pendingSequence = attempt.sequence();
        if (pending.position() >= FLUSH_AT) {
            flush();
        }
    }

    /**
     * On the writer thread: writes the records gathered since the last flush, then their index entries. If that
     * fails, they are not written: what the write left is cut (or overwritten by the next, or cut at the next open).
     *
     * @return whether there was something to write
     */
    boolean flush() throws IOException {
        if (pending.position() == 0) {
            return false;
        }
        long at = logSize;
        try {
            int records = pending.position();
            int entries = pendingEntries.position();
            SegmentRecords.writeFully(log, pending.flip(), at);
            SegmentRecords.writeFully(idx, pendingEntries.flip(), idxSize);
            logSize += records;
            idxSize += entries;
            lastSequence = pendingSequence;
            return true;
        } catch (IOException e) {
            try {
                log.truncate(at);
                idx.truncate(idxSize);
            } catch (IOException ignored) {
                // the next open cuts it
            }
            throw e;
        } finally {
            pending = pending.capacity() > KEPT_BUFFER ? ByteBuffer.allocate(BUFFER) : pending.clear();
            pendingEntries = pendingEntries.capacity() > KEPT_BUFFER ? ByteBuffer.allocate(BUFFER / 8)
                    : pendingEntries.clear();
        }
    }

    /** Seals the active segment and starts the next; if the next cannot be opened, the active one stays. */
    private void roll(long nextBase) throws IOException {
        FileChannel nextLog = FileChannel.open(logOf(nextBase), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileChannel nextIdx;
        try {
            nextIdx = FileChannel.open(idxOf(nextBase), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            nextLog.close();
            throw e;
        }
        try {
            force();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "RN-360 endpoint " + endpoint + ": a full segment of the attempt log in "
                    + directory + " could not be synced; a machine crash may lose its last attempts", e);
        }
        try {
            log.close();
            idx.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "RN-360 endpoint " + endpoint + ": a segment of the attempt log was not closed "
                    + "cleanly", e);
        }
        bases.add(nextBase);
        log = nextLog;
        idx = nextIdx;
        logSize = 0;
        idxSize = 0;
    }

    /** On the writer thread: forces what was written to stable storage. */
    void force() throws IOException {
        log.force(false);
        idx.force(false);
    }

    /**
     * On the writer thread: deletes the sealed segments older than the retention, then the oldest ones while the
     * segments, the one being written counted full, hold more than {@code maxBytes}.
     */
    void retain(Duration retention, long maxBytes, Instant now) {
        try {
            while (bases.size() > 1 && Files.getLastModifiedTime(logOf(bases.get(0))).toInstant()
                    .isBefore(now.minus(retention))) {
                delete(bases.get(0));
            }
            // the segment being written is counted full, so that the files never hold more than maxBytes
            long total = segmentBytes + size(idxOf(bases.get(bases.size() - 1)));
            for (long base : bases.subList(0, bases.size() - 1)) {
                total += size(logOf(base)) + size(idxOf(base));
            }
            while (bases.size() > 1 && total > maxBytes) {
                long base = bases.get(0);
                total -= size(logOf(base)) + size(idxOf(base));
                delete(base);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "RN-360 endpoint " + endpoint + ": the attempt log's old segments in " + directory
                    + " could not be deleted; it tries again later", e);
        }
    }

    private void delete(long base) throws IOException {
        bases.remove(base);
        Files.deleteIfExists(logOf(base));
        Files.deleteIfExists(idxOf(base));
    }

    private static long size(Path path) throws IOException {
        try {
            return Files.size(path);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** @return every attempt on disk that carried the event, newest first */
    List<Attempt> carrying(String eventId) throws IOException {
        long hash = AttemptCodec.hash(eventId);
        List<Attempt> found = new ArrayList<>();
        List<Long> snapshot = new ArrayList<>(bases);
        for (int i = snapshot.size() - 1; i >= 0; i--) {
            long base = snapshot.get(i);
            try {
                List<Long> offsets = SegmentIndex.offsets(idxOf(base), hash);
                if (offsets.isEmpty()) {
                    continue;
                }
                List<byte[]> records = SegmentRecords.at(logOf(base), offsets);
                for (int r = records.size() - 1; r >= 0; r--) {
                    Attempt attempt = AttemptCodec.decode(endpoint, records.get(r));
                    if (attempt.carries(eventId)) { // not another id of the same hash
                        found.add(attempt);
                    }
                }
            } catch (NoSuchFileException e) {
                // deleted by retention meanwhile
            }
        }
        return found;
    }

    private Path logOf(long base) {
        return directory.resolve(String.format("%020d.log", base));
    }

    private Path idxOf(long base) {
        return directory.resolve(String.format("%020d.idx", base));
    }

    @Override
    public void close() {
        try {
            flush();
            force();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "RN-360 endpoint " + endpoint + ": the attempt log in " + directory
                    + " could not be synced at close", e);
        }
        try {
            log.close();
            idx.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "RN-360 endpoint " + endpoint + ": the attempt log was not closed cleanly", e);
        }
    }
}
