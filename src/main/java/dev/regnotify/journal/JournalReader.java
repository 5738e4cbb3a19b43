package dev.regnotify.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The journal's record format, {@code [length:4][crc32c:4][payload]}: framed here for writing, and read back from a
 * segment file with each record's length and checksum checked. A reader is not thread-safe.
 */
final class JournalReader implements AutoCloseable {

    private final JournalFile file;
    private final byte[] header = new byte[Journal.HEADER];

    /** @return the record holding the payload, ready to be written */
    static byte[] frame(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer record = ByteBuffer.allocate(Journal.HEADER + payload.length);
        return record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).array();
    }

    JournalReader(JournalFile file) {
        this.file = file;
    }

    /**
     * @param offset where a record starts in the segment
     * @param limit how many bytes of the segment hold whole records
     * @return the record's payload, or null if the record at {@code offset} is torn or corrupt
     */
    byte[] read(long offset, long limit) throws IOException {
        if (limit - offset < Journal.HEADER || !readFully(header, offset)) {
            return null;
        }
        ByteBuffer fields = ByteBuffer.wrap(header);
        int length = fields.getInt();
        int checksum = fields.getInt();
        if (length <= 0 || length > Journal.MAX_RECORD || offset + Journal.HEADER + length > limit) {
            return null;
        }
        byte[] payload = new byte[length];
        if (!readFully(payload, offset + Journal.HEADER)) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue() == checksum ? payload : null;
    }

    /** @return the payload of the segment's first record, or null if it has none or it is torn or corrupt */
    byte[] first() throws IOException {
        return read(0, file.size());
    }

    /** @return how many bytes at the start of the segment are whole, valid records */
    long validLength() throws IOException {
        long size = file.size();
        long offset = 0;
        while (offset < size) {
            byte[] payload = read(offset, size);
            if (payload == null) {
                return offset;
            }
            offset += Journal.HEADER + payload.length;
        }
        return offset;
    }

    private boolean readFully(byte[] into, long at) throws IOException {
        int done = 0;
        while (done < into.length) {
            int n = file.read(at + done, into, done, into.length - done);
            if (n < 0) {
                return false;
            }
            done += n;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
