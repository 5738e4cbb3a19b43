package dev.regnotify.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The journal's record format, {@code [length:4][crc32c:4][payload]}: framed here for writing, and read back from a
 * segment file with each record's length and checksum checked. A reader is not thread-safe.
 */
final class JournalReader implements AutoCloseable {

    private final FileChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(Journal.HEADER);

    /** @return the record holding the payload, ready to be written */
    static ByteBuffer frame(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer record = ByteBuffer.allocate(Journal.HEADER + payload.length);
        return record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
    }

    JournalReader(Path segment) throws IOException {
        channel = FileChannel.open(segment, StandardOpenOption.READ);
    }

    /**
     * @param offset where a record starts in the segment
     * @param limit how many bytes of the segment hold whole records
     * @return the record's payload, or null if the record at {@code offset} is torn or corrupt
     */
    byte[] read(long offset, long limit) throws IOException {
        if (limit - offset < Journal.HEADER) {
            return null;
        }
        header.clear();
        readFully(header, offset);
        header.flip();
        int length = header.getInt();
        int checksum = header.getInt();
        if (length <= 0 || length > Journal.MAX_RECORD || offset + Journal.HEADER + length > limit) {
            return null;
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(payload, offset + Journal.HEADER);
        CRC32C crc = new CRC32C();
        crc.update(payload.array());
        return (int) crc.getValue() == checksum ? payload.array() : null;
    }

    long size() throws IOException {
        return channel.size();
    }

    /** @return how many bytes at the start of the segment are whole, valid records */
    static long validLength(Path segment) throws IOException {
        try (JournalReader reader = new JournalReader(segment)) {
            long size = reader.size();
            long offset = 0;
            while (offset < size) {
                byte[] payload = reader.read(offset, size);
                if (payload == null) {
                    return offset;
                }
                offset += Journal.HEADER + payload.length;
            }
            return offset;
        }
    }

    private void readFully(ByteBuffer buffer, long at) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
