package dev.regnotify.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * An endpoint's position in the journal, in a file of two 24-byte slots written in turn: a write torn by a crash
 * spoils at most one slot, and the other still holds the previous position. Each slot is
 * {@code [sequence:8][position:8][crc32c:4][unused:4]}; the valid slot with the higher sequence wins.
 */
final class CursorFile implements AutoCloseable {

    private static final int SLOT = 24;

    private final FileChannel channel;
    private final ByteBuffer slot = ByteBuffer.allocate(SLOT);
    private long sequence;
    private long position;

    /** Opens the file, or creates it holding {@code initial}. */
    CursorFile(Path file, long initial) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long[] best = null;
        for (int i = 0; i < 2; i++) {
            long[] read = readSlot(i);
            if (read != null && (best == null || read[0] > best[0])) {
                best = read;
            }
        }
        if (best == null) {
            write(initial);
            channel.force(true);
        } else {
            sequence = best[0];
            position = best[1];
        }
    }

    long position() {
        return position;
    }

    /** Records a new position; written, not forced (a lost one means re-sending, never losing). */
    void write(long newPosition) throws IOException {
        sequence++;
        slot.clear();
        slot.putLong(sequence).putLong(newPosition);
        CRC32C crc = new CRC32C();
        crc.update(slot.array(), 0, 16);
        slot.putInt((int) crc.getValue()).putInt(0).flip();
        long at = (sequence % 2) * SLOT;
        while (slot.hasRemaining()) {
            at += channel.write(slot, at);
        }
        position = newPosition;
    }

    private long[] readSlot(int index) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(SLOT);
        long at = (long) index * SLOT;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at + buffer.position());
            if (n < 0) {
                return null;
            }
        }
        buffer.flip();
        long seq = buffer.getLong();
        long pos = buffer.getLong();
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, 16);
        return (int) crc.getValue() == buffer.getInt() && seq > 0 ? new long[] {seq, pos} : null;
    }

    void force() throws IOException {
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
