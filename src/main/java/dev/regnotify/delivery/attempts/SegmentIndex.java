package dev.regnotify.delivery.attempts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The index of one segment ({@code <sequence>.idx}): 12-byte entries, the 64-bit hash of an event id
 * ({@link AttemptCodec#hash}) and the offset of a record that carries it, in the order of the records. A lookup maps
 * the file and scans it, so nothing of it is kept on the heap. No state; the writer thread writes, any thread reads.
 */
final class SegmentIndex {

    /** The bytes of one entry. */
    static final int ENTRY = 12;

    private SegmentIndex() {
    }

    /**
     * Appends the entries of an attempt's events, for its record at {@code offset}.
     *
     * @param into where to append, its limit its capacity
     * @return that buffer, or a larger one holding what it held, its position after the entries
     */
    static ByteBuffer entries(ByteBuffer into, Attempt attempt, long offset) {
        List<String> ids = attempt.eventIds();
        ByteBuffer out = into;
        if (out.remaining() < ENTRY * ids.size()) {
            out = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + ENTRY * ids.size()))
                    .put(out.flip());
        }
        if (attempt.events() instanceof PackedSummaries packed && !packed.isEmpty()) {
            for (int i = 0; i < packed.size(); i++) {
                out.putLong(packed.hash(i)).putInt((int) offset); // from the packed bytes, making no string
            }
            return out;
        }
        for (String id : ids) {
            out.putLong(AttemptCodec.hash(id)).putInt((int) offset);
        }
        return out;
    }

    /**
     * @param index an index file
     * @param hash an event id's hash
     * @return the offsets of the records it points at for that hash, in order, each once
     * @throws java.nio.file.NoSuchFileException if the index is gone (retention deleted its segment)
     */
    static List<Long> offsets(Path index, long hash) throws IOException {
        List<Long> offsets = new ArrayList<>();
        ByteBuffer entries = mapped(index);
        for (int at = 0; at + ENTRY <= entries.limit(); at += ENTRY) {
            if (entries.getLong(at) == hash) {
                long offset = entries.getInt(at + 8) & 0xffffffffL;
                if (offsets.isEmpty() || offsets.get(offsets.size() - 1) != offset) {
                    offsets.add(offset);
                }
            }
        }
        return offsets;
    }

    /** @return the index's whole entries, mapped: read from the page cache, nothing copied to the heap */
    private static ByteBuffer mapped(Path index) throws IOException {
        try (FileChannel channel = FileChannel.open(index, StandardOpenOption.READ)) {
            long size = channel.size() - channel.size() % ENTRY;
            return size == 0 ? ByteBuffer.allocate(0) : channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }

    /**
     * Brings an index up to its segment's intact records: the entries that point into them are kept, those of records
     * cut are dropped, those of records after the last entry are added; written to a temp file, forced and moved into
     * place. An index that is up to date is left as it is.
     *
     * @param index the index file (it may be missing or torn)
     * @param records the segment's intact records
     * @param decode what makes an attempt of a record
     */
    static void rebuild(Path index, List<SegmentRecords.Found> records, Decoder decode) throws IOException {
        long end = records.isEmpty() ? 0 : records.get(records.size() - 1).end();
        byte[] existing = Files.exists(index) ? Files.readAllBytes(index) : new byte[0];
        ByteBuffer entries = ByteBuffer.wrap(existing);
        int kept = 0;
        long lastIndexed = -1;
        while (kept + ENTRY <= existing.length && (entries.getInt(kept + 8) & 0xffffffffL) < end) {
            lastIndexed = entries.getInt(kept + 8) & 0xffffffffL;
            kept += ENTRY;
        }
        List<ByteBuffer> added = new ArrayList<>();
        for (SegmentRecords.Found record : records) {
            if (record.offset() > lastIndexed) {
                added.add(entries(ByteBuffer.allocate(0), decode.attempt(record.payload()), record.offset()).flip());
            }
        }
        if (kept == existing.length && added.stream().noneMatch(ByteBuffer::hasRemaining)) {
            return;
        }
        Path temp = index.resolveSibling(index.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long at = SegmentRecords.writeFully(channel, ByteBuffer.wrap(existing, 0, kept), 0);
            for (ByteBuffer buffer : added) {
                at = SegmentRecords.writeFully(channel, buffer, at);
            }
            channel.force(true);
        }
        Files.move(temp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Makes an attempt of a record's payload. */
    @FunctionalInterface
    interface Decoder {
        Attempt attempt(byte[] payload) throws IOException;
    }
}
