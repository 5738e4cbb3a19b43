package dev.regnotify.journal;

import java.io.Closeable;
import java.io.IOException;

/**
 * One file of the journal (a segment or a cursor), as the journal uses it: positional writes and reads, truncation,
 * and a force to stable storage. The default implementation is not interruptible: an interrupted caller thread
 * neither closes the file nor fails the write (the JDK's {@code FileChannel} would do both).
 *
 * @since 0.1
 */
public interface JournalFile extends Closeable {

    /**
     * Writes all the bytes at a position, or fails.
     *
     * @param position where in the file
     * @param bytes what to write
     * @throws IOException if not all of them could be written (some may have been)
     */
    void write(long position, byte[] bytes) throws IOException;

    /**
     * Reads up to {@code length} bytes at a position.
     *
     * @param position where in the file
     * @param into where to put them
     * @param offset where in {@code into}
     * @param length how many at most
     * @return how many were read, or -1 at the end of the file
     * @throws IOException if the file cannot be read
     */
    int read(long position, byte[] into, int offset, int length) throws IOException;

    /**
     * @return the file's size in bytes
     * @throws IOException if it cannot be read
     */
    long size() throws IOException;

    /**
     * @param size the size to cut the file to
     * @throws IOException if the file cannot be cut
     */
    void truncate(long size) throws IOException;

    /**
     * Forces what was written to stable storage. A failure means that what was written since the last successful
     * force may be lost, whatever later forces report.
     *
     * @throws IOException if the file could not be forced
     */
    void force() throws IOException;
}
