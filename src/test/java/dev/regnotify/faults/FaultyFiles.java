package dev.regnotify.faults;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

import dev.regnotify.journal.JournalFile;
import dev.regnotify.journal.JournalFiles;

/**
 * The journal's files with faults injected where a test asks: short writes, write errors, a disk that is full until
 * it is cleared, {@link ClosedByInterruptException}, failed forces, failed reads; and a machine crash, simulated by
 * cutting every file back to what its last successful force covered. Faults apply to segment files, but for those
 * of dead letters and positions that say so; forces are tracked for every file.
 */
public final class FaultyFiles implements JournalFiles {

    /** How a write fails. */
    public enum WriteFault {
        /** Half the bytes are written, then an {@link IOException} (a disk that filled up mid-write). */
        SHORT,
        /** Nothing is written; an {@link IOException}. */
        ERROR,
        /** Nothing is written; the JDK's exception for an interrupted channel. */
        CLOSED_BY_INTERRUPT
    }

    private final Path root;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Map<Path, byte[]> synced = new ConcurrentHashMap<>();
    private final AtomicInteger writesToFail = new AtomicInteger();
    private final AtomicInteger forcesToFail = new AtomicInteger();
    private final AtomicInteger readsBeforeFault = new AtomicInteger();
    private final AtomicInteger readsToFail = new AtomicInteger();
    private final AtomicLong failedReads = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final AtomicLong failedForces = new AtomicLong();
    private final AtomicLong directorySyncs = new AtomicLong();
    private final AtomicInteger openFiles = new AtomicInteger();
    private volatile WriteFault writeFault = WriteFault.ERROR;
    private volatile boolean diskFull;
    private volatile boolean deadLettersUnwritable;
    private volatile boolean positionsUnwritable;
    private volatile boolean crashed;

    /** @param root the journal's directory, for {@link #crash} */
    public FaultyFiles(Path root) {
        this.root = root;
    }

    /** The next {@code count} writes to segments fail this way. */
    public FaultyFiles failWrites(int count, WriteFault fault) {
        writeFault = fault;
        writesToFail.set(count);
        return this;
    }

    /** The next {@code count} forces of segments fail. */
    public FaultyFiles failForces(int count) {
        forcesToFail.set(count);
        return this;
    }

    /** The next {@code count} reads of segments fail with an {@link IOException} (a bad sector, {@code EIO}). */
    public FaultyFiles failReads(int count) {
        return failReadsAfter(0, count);
    }

    /**
     * After {@code reads} more reads of segments succeed, the {@code count} next ones fail: a read fault at a given
     * moment, such as in the middle of an envelope being built. (A record takes two reads: its header, its event.)
     */
    public FaultyFiles failReadsAfter(int reads, int count) {
        readsToFail.set(0);
        readsBeforeFault.set(reads);
        readsToFail.set(count);
        return this;
    }

    /** Every write of a dead letter's file fails ({@code EIO}) until cleared, or {@link #heal() healed}. */
    public FaultyFiles deadLettersUnwritable(boolean unwritable) {
        deadLettersUnwritable = unwritable;
        return this;
    }

    /** Every write of an endpoint's position file ({@code cursors/}) fails ({@code EIO}) until cleared or healed. */
    public FaultyFiles positionsUnwritable(boolean unwritable) {
        positionsUnwritable = unwritable;
        return this;
    }

    /** @return how many files opened through this are not closed yet */
    public int openFiles() {
        return openFiles.get();
    }

    /** Every write to a segment fails short (half written) until {@link #diskFull(boolean) cleared}. */
    public FaultyFiles diskFull(boolean full) {
        diskFull = full;
        return this;
    }

    public long failedWrites() {
        return failedWrites.get();
    }

    public long failedForces() {
        return failedForces.get();
    }

    public long failedReads() {
        return failedReads.get();
    }

    /** Clears every fault still armed: the next writes, forces and reads succeed, and the disk has room. */
    public FaultyFiles heal() {
        writesToFail.set(0);
        forcesToFail.set(0);
        readsToFail.set(0);
        readsBeforeFault.set(0);
        diskFull = false;
        deadLettersUnwritable = false;
        positionsUnwritable = false;
        return this;
    }

    public long directorySyncs() {
        return directorySyncs.get();
    }

    /**
     * The machine crashes: every later access fails, and the files chosen are cut back to their content at their
     * last successful force (a file never forced is emptied). The others keep what was written, as a kernel that
     * wrote them back before the crash would have.
     *
     * @param cutBack which files lose what was not forced
     */
    public void crash(Predicate<Path> cutBack) throws IOException {
        gate.writeLock().lock(); // no access is half done
        try {
            crashed = true;
            try (var files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).filter(cutBack).toList()) {
                    Files.write(file, synced.getOrDefault(file, new byte[0]));
                }
            }
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** One access to a file: refused after the crash, and never under way while the crash is simulated. */
    private interface Access<T> {
        T run() throws IOException;
    }

    private <T> T access(Access<T> access) throws IOException {
        gate.readLock().lock();
        try {
            if (crashed) {
                throw new IOException("the machine crashed");
            }
            return access.run();
        } finally {
            gate.readLock().unlock();
        }
    }

    @Override
    public JournalFile open(Path file) throws IOException {
        return access(() -> {
            FaultyFile opened = new FaultyFile(file, JournalFiles.SYSTEM.open(file), isSegment(file));
            openFiles.incrementAndGet();
            return opened;
        });
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        access(() -> {
            JournalFiles.SYSTEM.syncDirectory(dir);
            directorySyncs.incrementAndGet();
            return null;
        });
    }

    private static boolean isSegment(Path file) {
        return file.getParent() != null && file.getParent().getFileName().toString().equals("segments");
    }

    /** @return whether this read is one of those armed to fail, once the reads before the fault have passed */
    private boolean readFails() {
        if (readsToFail.get() == 0) {
            return false;
        }
        return readsBeforeFault.getAndUpdate(n -> n > 0 ? n - 1 : 0) == 0 && take(readsToFail);
    }

    private static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** One file; faults apply if it is a segment. */
    private final class FaultyFile implements JournalFile {

        private final Path path;
        private final JournalFile inner;
        private final boolean segment;
        private final AtomicBoolean closed = new AtomicBoolean();

        FaultyFile(Path path, JournalFile inner, boolean segment) {
            this.path = path;
            this.inner = inner;
            this.segment = segment;
        }

        @Override
        public void write(long position, byte[] bytes) throws IOException {
            access(() -> {
                faultyWrite(position, bytes);
                return null;
            });
        }

        private void faultyWrite(long position, byte[] bytes) throws IOException {
            if (deadLettersUnwritable && path.toString().contains("deadletters")) {
                failedWrites.incrementAndGet();
                throw new IOException("Input/output error");
            }
            if (positionsUnwritable && path.getParent().getFileName().toString().equals("cursors")) {
                failedWrites.incrementAndGet();
                throw new IOException("Input/output error");
            }
            if (segment && (diskFull || take(writesToFail))) {
                failedWrites.incrementAndGet();
                WriteFault fault = diskFull ? WriteFault.SHORT : writeFault;
                switch (fault) {
                    case SHORT -> {
                        inner.write(position, Arrays.copyOf(bytes, bytes.length / 2));
                        throw new IOException("No space left on device");
                    }
                    case CLOSED_BY_INTERRUPT -> throw new ClosedByInterruptException();
                    default -> throw new IOException("Input/output error");
                }
            }
            inner.write(position, bytes);
        }

        @Override
        public int read(long position, byte[] into, int offset, int length) throws IOException {
            return access(() -> {
                if (segment && readFails()) {
                    failedReads.incrementAndGet();
                    throw new IOException("Input/output error");
                }
                return inner.read(position, into, offset, length);
            });
        }

        @Override
        public long size() throws IOException {
            return access(inner::size);
        }

        @Override
        public void truncate(long size) throws IOException {
            access(() -> {
                inner.truncate(size);
                return null;
            });
        }

        /** What was in the file when the force began is what it makes durable. */
        @Override
        public void force() throws IOException {
            access(() -> {
                if (segment && take(forcesToFail)) {
                    failedForces.incrementAndGet();
                    throw new IOException("fsync: Input/output error");
                }
                byte[] image = contentOf(path);
                inner.force();
                synced.put(path, image);
                return null;
            });
        }

        @Override
        public void close() throws IOException {
            if (closed.compareAndSet(false, true)) {
                openFiles.decrementAndGet();
            }
            inner.close();
        }
    }

    private static byte[] contentOf(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[(int) raf.length()];
            raf.readFully(bytes);
            return bytes;
        }
    }
}
