package dev.regnotify.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How the journal opens its files and syncs its directories: the seam where tests inject faults (short writes,
 * full disks, failed syncs, crashes). Production code uses {@link #SYSTEM}.
 *
 * @since 0.1
 */
public interface JournalFiles {

    /** The platform's files, through {@link java.io.RandomAccessFile}: not interruptible. */
    JournalFiles SYSTEM = new SystemJournalFiles();

    /**
     * @param file the file to open for reading and writing, created if missing
     * @return the open file
     * @throws IOException if it cannot be opened
     */
    JournalFile open(Path file) throws IOException;

    /**
     * Forces a directory, so that files created or deleted in it stay so after a crash.
     *
     * @param dir the directory
     * @throws IOException if it cannot be forced
     */
    void syncDirectory(Path dir) throws IOException;
}
