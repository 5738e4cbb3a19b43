package dev.regnotify.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.DropReport;
import dev.regnotify.delivery.EndpointFilter;
import dev.regnotify.delivery.EventLog;
import dev.regnotify.delivery.EventReplay;
import dev.regnotify.delivery.ReplayRefusedException;
import dev.regnotify.delivery.deadletter.DeadLetterFiles;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.records.EventRecords;

/**
 * A durable, append-only log of registry events that every endpoint reads at its own pace. The log is a sequence of
 * segment files named by the offset of their first byte, so a position in the log is one number. Each record is
 * {@code [length:4][crc32c:4][payload]}, the payload an {@link EventRecords} record.
 *
 * <p>With {@code fsync: interval} an append writes to the file before it returns (so a killed process loses no event
 * whose append returned) and a thread of the journal's forces the file periodically. With {@code always} an append
 * only reserves its place, and {@link #awaitDurable} returns once it is written and forced ({@link GroupCommit}).
 *
 * <p>Faults: a failed write is cut off and its event reported lost; later records go where the log really ends. A
 * failed force is never retried as if the data were safe: it is logged, and the next record starts a new segment,
 * so that what a later force makes durable cannot sit behind a hole. Files are accessed through {@link JournalFiles},
 * whose default is not interruptible: an interrupted caller cannot close them. One process per directory (a lock).
 *
 * <p>With a {@code retention}, a segment every endpoint has passed is kept until its events are older than the
 * retention, for replays by time ({@link JournalCursor#replaySince}); what {@code maxbytes} needs for events not yet
 * delivered is taken from those kept segments first, oldest first: retention never costs an endpoint an event.
 *
 * <p>Locks: with {@code interval}, appenders take the append lock, then (to roll) the sync lock; with {@code always},
 * the leader of a group commit and {@link #close} take the sync lock, then the append lock.
 *
 * @since 0.1
 */
public final class Journal implements EventLog, AutoCloseable {

    static final int HEADER = 8;
    static final int MAX_RECORD = 16 << 20;
    private static final System.Logger LOG = System.getLogger("dev.regnotify.journal");
    /** The longest an append that found the journal full waits for a lagging endpoint to be moved on. */
    static final Duration ROOM_WAIT = Duration.ofSeconds(1);
    private static final long FULL = -2;

    private final JournalConfig config;
    private final JournalFiles files;
    private final boolean always;
    private final DirectoryLock lock;
    private final JournalSegments segments;
    private final Path cursorsDir;
    private final Map<String, JournalCursor> cursors = new ConcurrentHashMap<>();
    private final RecordIndex index = new RecordIndex(this);
    private final KeptSegments kept;
    private final Object appended = new Object();
    private final LaggingEndpoints laggards;
    private final DropReport full = new DropReport(LOG, "RN-322 the journal is full: {0} notifications dropped since "
            + "the last report; the registry operations succeeded ({1})");
    private final DropReport unwritten = new DropReport(LOG, "RN-321 {0} notifications could not be written to the "
            + "journal since the last report and are lost; the registry operations succeeded ({1})");

    private final ReentrantLock appendLock = new ReentrantLock();
    private final ReentrantLock syncLock = new ReentrantLock();
    private final LogWriter log;
    private final GroupCommit commit;
    // guarded by appendLock
    private long ticketsIssued;

    private final PeriodicSync syncer;
    private volatile boolean closed;

    private Journal(JournalConfig config, JournalFiles files, ThreadFactory threads, Clock clock) throws IOException {
        this.config = config;
        this.laggards = new LaggingEndpoints(cursors.values(), config.maxBytes());
        this.files = files;
        this.always = config.fsync() == JournalConfig.Fsync.ALWAYS;
        Files.createDirectories(config.directory());
        this.lock = DirectoryLock.acquire(config.directory(), "the journal");
        try {
            this.segments = new JournalSegments(config.directory().resolve("segments"), files);
            this.cursorsDir = config.directory().resolve("cursors");
            Files.createDirectories(cursorsDir);
            log = new LogWriter(segments, config.directory(), config.segmentBytes(), syncLock);
            commit = new GroupCommit(appendLock, syncLock, log, unwritten, config.directory(), this::signalReaders);
            kept = new KeptSegments(config, segments, cursors.values(), log::end, clock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        syncer = new PeriodicSync(config.interval(), this::periodicSync, threads);
    }

    /**
     * Opens the journal in its directory, creating it or recovering what a previous process left.
     *
     * @param config where and how
     * @param threads where the syncing thread comes from
     * @return the open journal
     * @throws UncheckedIOException if the directory cannot be used, or another journal holds it
     */
    public static Journal open(JournalConfig config, ThreadFactory threads) {
        return open(config, JournalFiles.SYSTEM, threads);
    }

    /**
     * Opens the journal on files of one's own: for tests that inject faults.
     *
     * @param config where and how
     * @param files how files are opened
     * @param threads where the syncing thread comes from
     * @return the open journal
     * @throws UncheckedIOException if the directory cannot be used, or another journal holds it
     */
    public static Journal open(JournalConfig config, JournalFiles files, ThreadFactory threads) {
        return open(config, files, threads, Clock.systemUTC());
    }

    /** Opens the journal with a clock of one's own, by which retention ages segments: for tests. */
    static Journal open(JournalConfig config, JournalFiles files, ThreadFactory threads, Clock clock) {
        try {
            return new Journal(config, files, threads, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + config.directory() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Appends an event. Never throws, never blocks on an endpoint; with {@code interval} it blocks on the disk for
     * one write, with {@code always} not at all (see {@link #awaitDurable}).
     *
     * @param event the registry event
     * @return a ticket for {@link #awaitDurable}; -1 if the event was not kept (full, closed, too large, or its
     *         write failed), which is logged at a bounded rate
     */
    @Override
    public long append(RegistryEvent event) {
        byte[] record;
        try {
            record = JournalReader.frame(EventRecords.encode(event));
        } catch (RuntimeException e) {
            unwritten.dropped(() -> "event " + event.id() + " cannot be recorded: " + e.getMessage(), e);
            return -1;
        }
        if (record.length - HEADER > MAX_RECORD) {
            unwritten.dropped(() -> "event " + event.id() + " takes " + record.length + " bytes; a journal record "
                    + "holds at most " + MAX_RECORD, null);
            return -1;
        }
        long ticket = write(record);
        long deadline = System.nanoTime() + ROOM_WAIT.toNanos();
        // one endpoint lagging while another does not: the journal's thread is about to move it on (an append past
        // three quarters woke it); wait for that, at most ROOM_WAIT, rather than drop an event the others would deliver
        while (ticket == FULL && laggards.awaitMoved(retainedBytes(), deadline, syncer::wake)) {
            ticket = write(record);
        }
        if (ticket == FULL) {
            full.dropped(() -> retainedBytes() + " of " + config.maxBytes() + " bytes", null);
            return -1;
        }
        return ticket;
    }

    /** @return a ticket, {@link #FULL}, or -1 if the journal is closed or the write failed (logged) */
    private long write(byte[] record) {
        long ticket;
        appendLock.lock();
        try {
            if (closed) {
                return -1;
            }
            if (log.end() + commit.reservedBytes() - segments.oldest() + record.length > config.maxBytes()
                    && (kept.makeRoom(config.maxBytes() - commit.reservedBytes() - record.length) == 0
                            || log.end() + commit.reservedBytes() - segments.oldest() + record.length
                                    > config.maxBytes())) {
                return FULL;
            }
            if (always) {
                commit.reserve(record);
                ticket = ++ticketsIssued;
                wakeIfFilling();
                return ticket;
            }
            log.write(record);
            ticket = ++ticketsIssued;
        } catch (IOException e) {
            unwritten.dropped(() -> "writing to " + config.directory() + " failed: " + e, e);
            return -1;
        } finally {
            appendLock.unlock();
        }
        signalReaders();
        wakeIfFilling();
        return ticket;
    }

    /** Past three quarters full, the sync thread looks at once for an endpoint to move past its oldest segment. */
    private void wakeIfFilling() {
        if (retainedBytes() > config.maxBytes() / 4 * 3) {
            syncer.wake();
        }
    }

    private void signalReaders() {
        synchronized (appended) {
            appended.notifyAll();
        }
    }

    @Override
    public boolean syncsEachEvent() {
        return always;
    }

    /**
     * Returns once the event of a ticket is written and forced, or known not to be. Appends that wait together share
     * one sync. An interrupted caller waits all the same, and keeps its interrupt.
     *
     * @param ticket a value {@link #append} returned
     * @return false if the event could not be written (it is lost, and was logged); true if it is in the log
     */
    @Override
    public boolean awaitDurable(long ticket) {
        if (ticket < 0 || !always) {
            return ticket >= 0; // with interval, a ticket's record was written by append itself
        }
        return commit.awaitDurable(ticket);
    }

    /**
     * The journal's thread, every interval: with {@code interval}, forces what was written (the roll takes the same
     * lock, so the file stays open); in both modes, forces the endpoints' positions.
     */
    private void periodicSync() {
        // first, so that an append waiting for room never waits behind a slow force
        overrunLaggards();
        if (!always) {
            syncLock.lock();
            try {
                if (!closed) {
                    log.forceWritten();
                }
            } finally {
                syncLock.unlock();
            }
        }
        for (JournalCursor cursor : cursors.values()) {
            cursor.forcePosition();
        }
    }

    private void overrunLaggards() {
        try {
            if (!closed) {
                kept.age();
                // kept segments go before a lagging endpoint is moved on: retention never costs it its events
                kept.makeRoom(config.maxBytes() / 4 * 3);
            }
        } finally {
            laggards.moveOn(closed ? 0 : retainedBytes());
        }
    }

    /**
     * Opens the cursor of an endpoint: where it left off (never beyond the log's end), or at the end of the log if
     * the endpoint is new. Open every endpoint's cursor before any of them delivers: a segment is deleted once every
     * open cursor has passed it.
     *
     * @param endpoint the endpoint's name
     * @param wanted which events the endpoint wants
     * @return the endpoint's queue over this journal
     */
    public JournalCursor cursor(String endpoint, Predicate<RegistryEvent> wanted) {
        return open(endpoint, wanted, null);
    }

    /**
     * Opens the cursor of an endpoint with a filter: it reads only the records its filter may want, found by the
     * journal's index (which reads each record once for every cursor), and passes the others without reading them.
     * Otherwise as {@link #cursor(String, Predicate)}, with {@link EndpointFilter#accepts} as what it wants.
     *
     * @param endpoint the endpoint's name
     * @param filter which events the endpoint wants
     * @return the endpoint's queue over this journal
     * @since 0.4
     */
    public JournalCursor cursor(String endpoint, EndpointFilter filter) {
        // a filter that takes everything would choose every record: reading them is all the index could do
        return open(endpoint, filter::accepts, filter.acceptsAll() ? null : new RecordIndex.Choice(filter));
    }

    private JournalCursor open(String endpoint, Predicate<RegistryEvent> wanted, RecordIndex.Choice choice) {
        try {
            JournalCursor cursor = new JournalCursor(this, endpoint, CursorFile.open(cursorsDir, endpoint, files,
                    log.end()), wanted, choice);
            JournalCursor previous = cursors.put(endpoint, cursor);
            if (previous != null) {
                previous.closeFiles(); // an endpoint restarted with a new configuration: its old thread has stopped
            }
            return cursor;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal cursor of endpoint " + endpoint + ": " + e, e);
        }
    }

    /**
     * Forgets an endpoint that is gone for good (a subscription deleted), whose thread has stopped: the journal no
     * longer keeps segments for it, and its position and dead letters are deleted.
     *
     * @param endpoint the endpoint's name
     * @throws UncheckedIOException if its files cannot be deleted
     * @since 0.4
     */
    public void forget(String endpoint) {
        JournalCursor cursor = cursors.remove(endpoint);
        if (cursor != null) {
            cursor.closeFiles();
        }
        try {
            ForgottenEndpoint.delete(config.directory(), endpoint, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the journal files of endpoint " + endpoint + ": " + e, e);
        }
        release();
    }

    /**
     * Where an endpoint's dead letters survive a restart: beside the log, in {@code deadletters/}.
     *
     * @param endpoint the endpoint's name
     * @return its dead letters' files
     * @throws UncheckedIOException if their directory cannot be made
     * @since 0.2
     */
    public DeadLetterFiles deadLetterFiles(String endpoint) {
        return DeadLetterDirectory.open(config.directory(), endpoint, files);
    }

    /**
     * Reads the dead letters kept in a journal's directory without opening the journal, so that it works beside the
     * process that owns it.
     *
     * @param directory the journal's directory
     * @return every endpoint's dead letters, endpoint by endpoint, oldest first
     * @throws UncheckedIOException if they cannot be read
     * @since 0.2
     */
    public static List<DeadLetter> readDeadLetters(Path directory) {
        return DeadLetterDirectory.readJournals(directory);
    }

    /** @return how many bytes of events the journal holds */
    public long retainedBytes() {
        return log.end() - segments.oldest();
    }

    /** @return how many times the journal was forced to stable storage */
    public long syncs() {
        return log.syncs();
    }

    /** @return how many segment files the journal has */
    public int segmentCount() {
        return segments.count();
    }

    /** @return the journal's configuration */
    public JournalConfig config() {
        return config;
    }

    long end() {
        return log.end();
    }

    long oldest() {
        return segments.oldest();
    }

    JournalSegments segments() {
        return segments;
    }

    /** @return which repository each record is about, for the cursors that want only some */
    RecordIndex index() {
        return index;
    }

    /** @return how many times the journal's thread has looked at the endpoints' positions (for tests) */
    long periodicPasses() {
        return laggards.looks();
    }

    /** Waits up to {@code nanos} for an append beyond {@code position}. */
    void awaitAppend(long position, long nanos) throws InterruptedException {
        synchronized (appended) {
            if (log.end() <= position && !closed) {
                appended.wait(Math.max(1, nanos / 1_000_000), 0);
            }
        }
    }

    /** A cursor moved: what every cursor passed may go (see {@link KeptSegments}). */
    void release() {
        kept.cursorMoved();
    }

    /**
     * Starts a replay of an endpoint's events from a time on, up to where its cursor stands.
     *
     * @throws ReplayRefusedException without retention, or if events after {@code since} were deleted already
     */
    EventReplay replay(String endpoint, Predicate<RegistryEvent> wanted, Instant since, long upTo) {
        return kept.replay(since, upTo, (start, end) -> new JournalReplay(this, endpoint, wanted, since, start, end));
    }

    void replayEnded(JournalReplay replay) {
        kept.replayEnded(replay);
    }

    /**
     * Stops taking appends, writes what was reserved, waits for a sync in progress, forces and closes the files, and
     * lets the directory go.
     */
    @Override
    public void close() {
        syncer.stop(); // first: no sync, and no move of a lagging endpoint, runs on files being closed
        laggards.close();
        if (always) {
            syncLock.lock();
            try {
                commit.awaitIdle();
                closeFiles();
            } finally {
                syncLock.unlock();
            }
        } else {
            appendLock.lock();
            try {
                syncLock.lock();
                try {
                    closeFiles();
                } finally {
                    syncLock.unlock();
                }
            } finally {
                appendLock.unlock();
            }
        }
        signalReaders();
    }

    /** Under both locks, once. */
    private void closeFiles() {
        if (closed) {
            return;
        }
        appendLock.lock();
        try {
            closed = true;
            commit.writeAll();
            log.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "RN-324 the journal's last segment was not closed cleanly", e);
        } finally {
            appendLock.unlock();
        }
        cursors.values().forEach(JournalCursor::closeFiles);
        try {
            lock.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "RN-324 the journal's lock was not released cleanly", e);
        }
    }
}
