package dev.regnotify.delivery.attempts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the records of one segment file ({@link AttemptCodec}'s framing): all of them from its start, or those an
 * index points at; only records whose length is sane and whose CRC holds are returned. And writes a buffer whole.
 * Any thread; no state.
 */
final class SegmentRecords {

    /** A record found in a segment: where it starts, and its checked payload. */
    record Found(long offset, byte[] payload) {

        /** @return where the record after it starts */
        long end() {
            return offset + AttemptCodec.HEADER + payload.length;
        }
    }

    private SegmentRecords() {
    }

    /** @return the intact records of a segment, in order, up to the first that is torn or broken */
    static List<Found> intact(Path segment) throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        List<Found> records = new ArrayList<>();
        int at = 0;
        while (bytes.length - at >= AttemptCodec.HEADER) {
            int length = buffer.getInt(at);
            int crc = buffer.getInt(at + 4);
            if (length <= 0 || length > AttemptCodec.MAX_PAYLOAD || length > bytes.length - at - AttemptCodec.HEADER) {
                break;
            }
            byte[] payload = Arrays.copyOfRange(bytes, at + AttemptCodec.HEADER, at + AttemptCodec.HEADER + length);
            if (!AttemptCodec.intact(payload, crc)) {
                break;
            }
            records.add(new Found(at, payload));
            at += AttemptCodec.HEADER + length;
        }
        return records;
    }

    /**
     * @param segment a segment file
     * @param offsets where records start, as its index says
     * @return the payloads of those that are intact, in the offsets' order: one being written, or cut, is skipped
     */
    static List<byte[]> at(Path segment, List<Long> offsets) throws IOException {
        List<byte[]> read = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
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
                if (!payload.hasRemaining() && AttemptCodec.intact(payload.array(), header.getInt(4))) {
                    read.add(payload.array());
                }
            }
        }
        return read;
    }

    /**
     * Writes the whole buffer at a position, in as many writes as it takes.
     *
     * @return where the next write goes
     */
    static long writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        return at;
    }
}
