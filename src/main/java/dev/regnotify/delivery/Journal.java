package dev.regnotify.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.events.RegistryEvent;

/**
 * A durable, append-only log of registry events that every endpoint reads at its own pace. The log is a sequence of
 * segment files named by the offset of their first byte, so a position in the log is one number. Each record is
 * {@code [length:4][crc32c:4][payload]}, the payload an {@link EventRecords} record.
 *
 * <p>With {@code fsync: interval} an append writes to the file before it returns (so a killed process loses no event
 * whose append returned) and a thread of the journal's forces the file periodically. With {@code always} an append
 * only reserves its place, and {@link #awaitDurable} returns once it is written and forced: the first waiter writes
 * every reserved record in one go and forces the file while the next ones gather (group commit). Writing and forcing
 * in the caller's own append would serialize the callers: a write to a page being synced waits for the sync. On open, a
 * torn or corrupt tail is found by its checksum and cut off. A segment is deleted once every endpoint's cursor has
 * passed it.
 *
 * <p>Appends are serialized by a lock; each cursor is read by its endpoint's thread only.
 *
 * @since 0.1
 */
public final class Journal implements AutoCloseable {

    static final int HEADER = 8;
    static final int MAX_RECORD = 16 << 20;
    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");
    private static final long COMMIT_DELAY_NANOS = 20_000;

    private final JournalConfig config;
    private final JournalSegments segments;
    private final Path cursorsDir;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final ReentrantLock syncLock = new ReentrantLock();
    private final java.util.concurrent.locks.Condition synced = syncLock.newCondition();
    // fsync: always: records reserved but not yet written, in log order (guarded by appendLock)
    private final List<ByteBuffer> reserved = new java.util.ArrayList<>();
    private long reservedEnd;
    private boolean syncing;
    private int lastBatch;
    private final Object appended = new Object();
    private final Map<String, JournalCursor> cursors = new ConcurrentHashMap<>();
    private final AtomicLong durable = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private final PeriodicSync syncer;
    private FileChannel active;
    private long activeBase;
    private volatile long end;
    private volatile boolean closed;

    private Journal(JournalConfig config, ThreadFactory threads) throws IOException {
        this.config = config;
        this.segments = new JournalSegments(config.directory().resolve("segments"));
        this.cursorsDir = config.directory().resolve("cursors");
        Files.createDirectories(cursorsDir);
        end = segments.recover();
        reservedEnd = end;
        durable.set(end);
        activeBase = segments.count() == 0 ? 0 : segments.at(end).getKey();
        active = segments.openForAppend(activeBase);
        syncer = config.fsync() == JournalConfig.Fsync.INTERVAL
                ? new PeriodicSync(config.interval(), this::syncWritten, threads) : null;
    }

    /**
     * Opens the journal in its directory, creating it or recovering what a previous process left.
     *
     * @param config where and how
     * @param threads where the syncing thread comes from
     * @return the open journal
     * @throws UncheckedIOException if the directory cannot be used
     */
    public static Journal open(JournalConfig config, ThreadFactory threads) {
        try {
            return new Journal(config, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + config.directory(), e);
        }
    }

    /**
     * Appends an event. Never blocks on other endpoints; blocks on the disk for one write.
     *
     * @param event the registry event
     * @return the log's end after the record, to pass to {@link #awaitDurable}; -1 if the journal is full or closed
     *         and the event was dropped
     */
    public long append(RegistryEvent event) {
        ByteBuffer record = JournalReader.frame(EventRecords.encode(event));
        long offset;
        appendLock.lock();
        try {
            if (closed || segments.retainedBytes() + record.remaining() > config.maxBytes()) {
                return -1;
            }
            segments.added(record.remaining());
            if (config.fsync() == JournalConfig.Fsync.ALWAYS) {
                reserved.add(record);
                reservedEnd += record.remaining();
                return reservedEnd;
            }
            write(record);
            offset = end;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the journal in " + config.directory(), e);
        } finally {
            appendLock.unlock();
        }
        signalReaders();
        return offset;
    }

    /** Under the append lock: writes one record at the end of the log, starting a new segment when full. */
    private void write(ByteBuffer record) throws IOException {
        int size = record.remaining();
        if (end - activeBase + size > config.segmentBytes() && end > activeBase) {
            roll();
        }
        while (record.hasRemaining()) {
            active.write(record);
        }
        end += size;
    }

    private void signalReaders() {
        synchronized (appended) {
            appended.notifyAll();
        }
    }

    /**
     * Returns once the log is on stable storage up to {@code offset}. Appends that wait together share one sync.
     *
     * @param offset a value {@link #append} returned
     */
    public void awaitDurable(long offset) {
        if (durable.get() >= offset) {
            return;
        }
        syncLock.lock();
        try {
            while (durable.get() < offset && !closed) {
                if (syncing) {
                    synced.await();
                } else {
                    lead();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the journal in " + config.directory(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the journal to sync", e);
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * Under the sync lock, as the leader of a group commit: writes every reserved record, then forces the file with
     * the lock released, so that the next callers reserve theirs meanwhile.
     */
    private void lead() throws IOException {
        syncing = true;
        if (lastBatch > 1) {
            gather();
        }
        long target;
        FileChannel channel;
        appendLock.lock();
        try {
            lastBatch = reserved.size();
            for (ByteBuffer record : reserved) {
                write(record);
            }
            reserved.clear();
            target = end;
            channel = active;
        } finally {
            appendLock.unlock();
        }
        signalReaders();
        syncLock.unlock();
        try {
            channel.force(false);
            syncs.incrementAndGet();
        } finally {
            syncLock.lock();
            syncing = false;
            durable.accumulateAndGet(target, Math::max);
            synced.signalAll();
        }
    }

    /**
     * Opens the cursor of an endpoint: where it left off, or at the end of the log if the endpoint is new.
     *
     * @param endpoint the endpoint's name
     * @param wanted which events the endpoint wants
     * @return the endpoint's queue over this journal
     */
    public JournalCursor cursor(String endpoint, Predicate<RegistryEvent> wanted) {
        Path file = cursorsDir.resolve(HexFormat.of().formatHex(endpoint.getBytes(StandardCharsets.UTF_8)) + ".pos");
        try {
            JournalCursor cursor = new JournalCursor(this, endpoint, new CursorFile(file, end), wanted);
            cursors.put(endpoint, cursor);
            return cursor;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal cursor of endpoint " + endpoint, e);
        }
    }

    /** @return how many bytes of events the journal holds */
    public long retainedBytes() {
        return segments.retainedBytes();
    }

    long end() {
        return end;
    }

    long oldest() {
        return segments.oldest();
    }

    /** Waits up to {@code nanos} for an append beyond {@code position}. */
    void awaitAppend(long position, long nanos) throws InterruptedException {
        synchronized (appended) {
            if (end <= position && !closed) {
                appended.wait(Math.max(1, nanos / 1_000_000), 0);
            }
        }
    }

    /** @return the segment holding the byte at {@code position}, with its base offset */
    Map.Entry<Long, Path> segmentAt(long position) {
        return segments.at(position);
    }

    /** @return the base of the segment after the one based at {@code base}, or -1 if that one is the last */
    long nextSegment(long base) {
        return segments.next(base);
    }

    /** Deletes the segments every open cursor has passed, but never the one being written. */
    void release() {
        long min = Long.MAX_VALUE;
        for (JournalCursor cursor : cursors.values()) {
            min = Math.min(min, cursor.acknowledged());
        }
        segments.deleteBefore(min);
    }

    /**
     * Callers are concurrent: the ones the last sync released are about to append again. A moment's wait puts them
     * in this sync instead of the next, as PostgreSQL's {@code commit_delay} does; a lone caller never waits.
     * Measured here (fdatasync about 150 µs): 8 threads went from 4 to 7.7 records per sync, 22,000 to 29,000
     * appends per second; waiting until the last batch's count had arrived did worse.
     */
    private void gather() {
        syncLock.unlock();
        try {
            LockSupport.parkNanos(COMMIT_DELAY_NANOS);
        } finally {
            syncLock.lock();
        }
    }

    /** Forces what was written ({@code fsync: interval}); the roll takes the same lock, so the file stays open. */
    private void syncWritten() throws IOException {
        syncLock.lock();
        try {
            if (closed || durable.get() >= end) {
                return;
            }
            long target = end;
            active.force(false);
            syncs.incrementAndGet();
            durable.accumulateAndGet(target, Math::max);
        } finally {
            syncLock.unlock();
        }
    }

    /** @return how many times the journal was forced to stable storage */
    public long syncs() {
        return syncs.get();
    }

    /** @return how many segment files the journal has */
    public int segmentCount() {
        return segments.count();
    }

    /**
     * Under the append lock: forces and closes the full segment, starts the next at the log's end. With
     * {@code interval} the syncing thread is held off meanwhile; with {@code always} only the leader writes, and it
     * is not forcing while it writes.
     */
    private void roll() throws IOException {
        boolean interval = config.fsync() == JournalConfig.Fsync.INTERVAL;
        if (interval) {
            syncLock.lock();
        }
        try {
            active.force(false);
            durable.accumulateAndGet(end, Math::max);
            active.close();
            active = segments.openForAppend(end);
            activeBase = end;
        } finally {
            if (interval) {
                syncLock.unlock();
            }
        }
    }

    /**
     * Stops taking appends, writes what was reserved, waits for a sync in progress, forces and closes the files. The
     * two locks are taken one after the other: a leader takes the sync lock then the append lock, a roll the reverse.
     */
    @Override
    public void close() {
        try {
            appendLock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                for (ByteBuffer record : reserved) {
                    write(record);
                }
                reserved.clear();
            } finally {
                appendLock.unlock();
            }
            syncLock.lock();
            try {
                while (syncing) {
                    synced.awaitUninterruptibly();
                }
                active.force(false);
                durable.set(end);
                active.close();
                synced.signalAll();
            } finally {
                syncLock.unlock();
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "RN-325 the journal could not be synced at close", e);
        }
        cursors.values().forEach(JournalCursor::closeFiles);
        if (syncer != null) {
            syncer.stop();
        }
        signalReaders();
    }

    JournalConfig config() {
        return config;
    }
}
