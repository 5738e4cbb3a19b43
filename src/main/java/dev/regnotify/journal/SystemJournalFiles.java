package dev.regnotify.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The journal's files on the platform. {@link RandomAccessFile} rather than {@code FileChannel}: a channel is closed
 * for good when a thread blocked in it is interrupted, and the journal's writes run on the callers' threads.
 */
final class SystemJournalFiles implements JournalFiles {

    // Windows cannot open a directory to force it; there a new file is as durable as the platform makes it.
    private static final boolean CAN_SYNC_DIRECTORIES = !System.getProperty("os.name", "").startsWith("Windows");

    @Override
    public JournalFile open(Path file) throws IOException {
        return new RandomAccessJournalFile(new RandomAccessFile(file.toFile(), "rw"));
    }

    /**
     * A directory can only be forced through a channel; its own interrupt would close it, so an interrupted caller
     * has its flag cleared for the moment of the sync and set again after.
     */
    @Override
    public void syncDirectory(Path dir) throws IOException {
        if (!CAN_SYNC_DIRECTORIES) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (ClosedByInterruptException e) {
            interrupted = true;
            throw e;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Positional access over one {@link RandomAccessFile}; its pointer is guarded by the object's lock. */
    private static final class RandomAccessJournalFile implements JournalFile {

        private final RandomAccessFile file;
        private long pointer;

        RandomAccessJournalFile(RandomAccessFile file) {
            this.file = file;
        }

        @Override
        public synchronized void write(long position, byte[] bytes) throws IOException {
            seek(position);
            try {
                file.write(bytes);
                pointer += bytes.length;
            } catch (IOException e) {
                pointer = -1;
                throw e;
            }
        }

        @Override
        public synchronized int read(long position, byte[] into, int offset, int length) throws IOException {
            seek(position);
            int n = file.read(into, offset, length);
            pointer = n > 0 ? pointer + n : -1;
            return n;
        }

        private void seek(long position) throws IOException {
            if (pointer != position) {
                pointer = -1;
                file.seek(position);
                pointer = position;
            }
        }

        @Override
        public synchronized long size() throws IOException {
            return file.length();
        }

        @Override
        public synchronized void truncate(long size) throws IOException {
            pointer = -1;
            file.setLength(size);
        }

        // not synchronized: a sync must not hold back the writer; the descriptor is safe to sync while it writes
        @Override
        public void force() throws IOException {
            file.getFD().sync();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
