package dev.regnotify.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * An endpoint's position in the journal, in a file of two 24-byte slots written in turn: a write torn by a crash
 * spoils at most one slot, and the other still holds the previous position. Each slot is
 * {@code [sequence:8][position:8][crc32c:4][unused:4]}; the valid slot with the higher sequence wins.
 *
 * <p>The endpoint's thread writes; the journal's sync thread forces. A position is written at once and forced
 * with the journal's periodic sync: one lost to a machine crash means re-sending, never losing.
 */
final class CursorFile implements AutoCloseable {

    private static final int SLOT = 24;

    private final JournalFile file;
    private long sequence;
    private long position;
    private volatile boolean dirty;

    /**
     * Opens the position file of an endpoint in the journal's {@code cursors/}, named by the endpoint's name in hex.
     *
     * @param cursorsDir the journal's {@code cursors/}
     * @param endpoint the endpoint's name
     * @param files how files are accessed
     * @param initial the position of a new endpoint: the log's end
     * @return the file
     * @throws UncheckedIOException if it cannot be opened
     */
    static CursorFile open(Path cursorsDir, String endpoint, JournalFiles files, long initial) {
        Path path = cursorsDir.resolve(HexFormat.of().formatHex(endpoint.getBytes(StandardCharsets.UTF_8)) + ".pos");
        try {
            boolean created = !Files.exists(path);
            CursorFile file = new CursorFile(files.open(path), initial);
            if (created) {
                files.syncDirectory(cursorsDir);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal cursor of endpoint " + endpoint + ": " + e, e);
        }
    }

    /** Opens the file, or creates it holding {@code initial}. */
    CursorFile(JournalFile file, long initial) throws IOException {
        this.file = file;
        long[] best = null;
        for (int i = 0; i < 2; i++) {
            long[] read = readSlot(i);
            if (read != null && (best == null || read[0] > best[0])) {
                best = read;
            }
        }
        if (best == null) {
            write(initial);
            force();
        } else {
            sequence = best[0];
            position = best[1];
        }
    }

    long position() {
        return position;
    }

    /** Records a new position; written, not forced. */
    void write(long newPosition) throws IOException {
        sequence++;
        ByteBuffer slot = ByteBuffer.allocate(SLOT);
        slot.putLong(sequence).putLong(newPosition);
        CRC32C crc = new CRC32C();
        crc.update(slot.array(), 0, 16);
        slot.putInt((int) crc.getValue()).putInt(0);
        dirty = true;
        file.write((sequence % 2) * SLOT, slot.array());
        position = newPosition;
    }

    private long[] readSlot(int index) throws IOException {
        byte[] bytes = new byte[SLOT];
        int done = 0;
        while (done < SLOT) {
            int n = file.read((long) index * SLOT + done, bytes, done, SLOT - done);
            if (n < 0) {
                return null;
            }
            done += n;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long seq = buffer.getLong();
        long pos = buffer.getLong();
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 16);
        return (int) crc.getValue() == buffer.getInt() && seq > 0 ? new long[] {seq, pos} : null;
    }

    /** Forces the last position written, if any was written since the last force. */
    void force() throws IOException {
        if (dirty) {
            dirty = false;
            try {
                file.force();
            } catch (IOException e) {
                dirty = true;
                throw e;
            }
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
