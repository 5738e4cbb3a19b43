package dev.regnotify.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes a directory this process's alone while it is held: an OS lock on a file in it, which the OS releases when
 * the process dies, however it dies. Two writers of one journal would overwrite each other's records.
 */
final class DirectoryLock implements AutoCloseable {

    private final FileChannel channel;

    private DirectoryLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * @param dir the directory
     * @param what what the directory holds, for the message
     * @return the held lock
     * @throws IOException naming the directory if another process, or this one, holds it already
     */
    static DirectoryLock acquire(Path dir, String what) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException(what + " in " + dir + " is in use by another process; one process per "
                        + "directory");
            }
            return new DirectoryLock(channel);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException(what + " in " + dir + " is open already in this process; one per directory", e);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
