package dev.regnotify.delivery.attempts;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * with an index ({@code <sequence>.idx}) of 12-byte entries, the hash of an event id and the offset of a record that
 * carries it, so that the attempts of one event are found by reading the indexes and only the records they point at.
 * A record is {@code [length][CRC-32C][payload]} ({@link AttemptCodec}). On open, the last segment is read through:
 * a torn or broken tail is cut, as the journal's, and its index rebuilt; an index that is missing or torn is rebuilt
 * too. Retention deletes whole segments, the oldest first, never the one being written.
 *
 * <p>Appends, forces and retention run on the files' writer thread only; lookups run on any thread, reading the files
 * without a lock: a segment deleted meanwhile is skipped, and a record being written fails its CRC and is skipped.
 */
final class AttemptSegments implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");
    private static final int ENTRY = 12;

    /** A record found in a segment: where it starts, and its checked payload. */
    private record Found(long offset, byte[] payload) {
    }

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
            if (last || !Files.exists(idxPath) || Files.size(idxPath) % ENTRY != 0) {
                rebuild(base, last);
            }
        }
        bases.addAll(found);
        for (int i = found.size() - 1; i >= 0 && lastSequence == 0; i--) {
            List<Found> records = records(found.get(i));
            if (!records.isEmpty()) {
                lastSequence = AttemptCodec.decode(endpoint, records.get(records.size() - 1).payload()).sequence();
            }
        }
        if (found.isEmpty()) {
            bases.add(lastSequence + 1);
        }
        openActive(bases.get(bases.size() - 1));
    }

    /**
     * Reads a segment through, cuts a torn tail of the last one, and brings its index up to it: the entries of the
     * records that remain are kept, those of records cut are dropped, those of records written after them are added.
     */
    private void rebuild(long base, boolean last) throws IOException {
        Path logPath = logOf(base);
        long size = Files.size(logPath);
        List<Found> records = records(base);
        long end = records.isEmpty() ? 0 : records.get(records.size() - 1).offset() + AttemptCodec.HEADER
                + records.get(records.size() - 1).payload().length;
        if (end < size && last) {
            LOG.log(Level.WARNING, "RN-362 endpoint {0}: the attempt log''s last segment {1} ends in {2} bytes of a "
                    + "torn or broken record (a crash while writing); they are cut", endpoint, logPath,
                    Long.toString(size - end));
            try (FileChannel channel = FileChannel.open(logPath, StandardOpenOption.WRITE)) {
                channel.truncate(end);
                channel.force(true);
            }
        }
        // the entries that point into the intact records stay; the records after the last they point at are indexed
        Path idxPath = idxOf(base);
        byte[] existing = Files.exists(idxPath) ? Files.readAllBytes(idxPath) : new byte[0];
        ByteBuffer entries = ByteBuffer.wrap(existing);
        int kept = 0;
        long lastIndexed = -1;
        while (kept + ENTRY <= existing.length && (entries.getInt(kept + 8) & 0xffffffffL) < end) {
            lastIndexed = entries.getInt(kept + 8) & 0xffffffffL;
            kept += ENTRY;
        }
        List<ByteBuffer> added = new ArrayList<>();
        for (Found record : records) {
            if (record.offset() > lastIndexed) {
                added.add(entries(AttemptCodec.decode(endpoint, record.payload()), record.offset()));
            }
        }
        if (kept == existing.length && added.stream().noneMatch(ByteBuffer::hasRemaining)) {
            return;
        }
        Path temp = directory.resolve(String.format("%020d.idx.tmp", base));
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            write(channel, ByteBuffer.wrap(existing, 0, kept), 0);
            for (ByteBuffer buffer : added) {
                write(channel, buffer, channel.size());
            }
            channel.force(true);
        }
        Files.move(temp, idxPath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** @return the intact records of a segment, in order, up to the first that is torn or broken */
    private List<Found> records(long base) throws IOException {
        byte[] bytes = Files.readAllBytes(logOf(base));
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        List<Found> records = new ArrayList<>();
        int at = 0;
        while (bytes.length - at >= AttemptCodec.HEADER) {
            int length = buffer.getInt(at);
            int crc = buffer.getInt(at + 4);
            if (length <= 0 || length > AttemptCodec.MAX_PAYLOAD || length > bytes.length - at - AttemptCodec.HEADER) {
                break;
            }
            byte[] payload = Arrays.copyOfRange(bytes, at + AttemptCodec.HEADER,
                    at + AttemptCodec.HEADER + length);
            if (!AttemptCodec.intact(payload, crc)) {
                break;
            }
            records.add(new Found(at, payload));
            at += AttemptCodec.HEADER + length;
        }
        return records;
    }

    private void openActive(long base) throws IOException {
        log = FileChannel.open(logOf(base), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        idx = FileChannel.open(idxOf(base), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        logSize = log.size();
        idxSize = idx.size() - idx.size() % ENTRY;
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
            List<Found> records = records(bases.get(i));
            for (int r = records.size() - 1; r >= 0 && newest.size() < count; r--) {
                newest.add(AttemptCodec.decode(endpoint, records.get(r).payload()));
            }
        }
        Collections.reverse(newest);
        return newest;
    }

    /** On the writer thread: appends the record, then its index entries; a full segment is sealed first. */
    void append(Attempt attempt) throws IOException {
        byte[] record = AttemptCodec.encode(attempt);
        if (logSize > 0 && logSize + record.length > segmentBytes) {
            roll(attempt.sequence());
        }
        long at = logSize;
        try {
            write(log, ByteBuffer.wrap(record), at);
            logSize += record.length;
            ByteBuffer entries = entries(attempt, at);
            write(idx, entries, idxSize);
            idxSize += entries.capacity();
        } catch (IOException e) {
            // what a failed write left is cut, or overwritten by the next record, or cut at the next open
            try {
                log.truncate(at);
                logSize = at;
                idx.truncate(idxSize);
            } catch (IOException ignored) {
                logSize = at;
            }
            throw e;
        }
        lastSequence = attempt.sequence();
    }

    private static ByteBuffer entries(Attempt attempt, long offset) {
        ByteBuffer entries = ByteBuffer.allocate(ENTRY * attempt.events().size());
        for (int i = 0; i < attempt.events().size(); i++) {
            entries.putLong(AttemptCodec.hash(attempt.events().get(i).id())).putInt((int) offset);
        }
        return entries.flip();
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
            List<Long> offsets = new ArrayList<>();
            try {
                ByteBuffer entries = mapped(idxOf(base));
                for (int at = 0; at + ENTRY <= entries.limit(); at += ENTRY) {
                    if (entries.getLong(at) == hash) {
                        long offset = entries.getInt(at + 8) & 0xffffffffL;
                        if (offsets.isEmpty() || offsets.get(offsets.size() - 1) != offset) {
                            offsets.add(offset);
                        }
                    }
                }
                if (!offsets.isEmpty()) {
                    List<Attempt> inSegment = read(base, offsets, eventId);
                    Collections.reverse(inSegment);
                    found.addAll(inSegment);
                }
            } catch (NoSuchFileException e) {
                // deleted by retention meanwhile
            }
        }
        return found;
    }

    /** @return the index's whole entries, mapped: read from the page cache, nothing copied to the heap */
    private static ByteBuffer mapped(Path idx) throws IOException {
        try (FileChannel channel = FileChannel.open(idx, StandardOpenOption.READ)) {
            long size = channel.size() - channel.size() % ENTRY;
            return size == 0 ? ByteBuffer.allocate(0) : channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }

    private List<Attempt> read(long base, List<Long> offsets, String eventId) throws IOException {
        List<Attempt> read = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(logOf(base), StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(AttemptCodec.HEADER);
            for (long offset : offsets) {
                header.clear();
                if (channel.read(header, offset) < AttemptCodec.HEADER) {
                    continue;
                }
                int length = header.getInt(0);
                if (length <= 0 || length > AttemptCodec.MAX_PAYLOAD) {
                    continue;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                long at = offset + AttemptCodec.HEADER;
                while (payload.hasRemaining() && channel.read(payload, at + payload.position()) > 0) {
                    // reads on
                }
                if (payload.hasRemaining() || !AttemptCodec.intact(payload.array(), header.getInt(4))) {
                    continue; // being written, or cut
                }
                Attempt attempt = AttemptCodec.decode(endpoint, payload.array());
                if (attempt.carries(eventId)) {
                    read.add(attempt);
                }
            }
        }
        return read;
    }

    private static void write(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
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
