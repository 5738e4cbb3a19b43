package dev.regnotify.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.delivery.DeadLetter;
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

    private final JournalConfig config;
    private final JournalFiles files;
    private final DirectoryLock lock;
    private final JournalSegments segments;
    private final JournalCursors cursors;
    private final RecordIndex index = new RecordIndex(this);
    private final KeptSegments kept;
    private final LaggingEndpoints laggards;
    // the locks' order, and what each guards: see JournalAppender
    private final ReentrantLock appendLock = new ReentrantLock();
    private final ReentrantLock syncLock = new ReentrantLock();
    private final LogWriter log;
    private final JournalRoom room;
    private final JournalAppender appender;
    private final PeriodicSync syncer;

    private Journal(JournalConfig config, JournalFiles files, ThreadFactory threads, Clock clock) throws IOException {
        this.config = config;
        this.files = files;
        Files.createDirectories(config.directory());
        this.lock = DirectoryLock.acquire(config.directory(), "the journal");
        try {
            this.segments = new JournalSegments(config.directory().resolve("segments"), files);
            Path cursorsDir = config.directory().resolve("cursors");
            Files.createDirectories(cursorsDir);
            cursors = new JournalCursors(config.directory(), cursorsDir, files);
            laggards = new LaggingEndpoints(cursors.all(), config.maxBytes());
            log = new LogWriter(segments, config.directory(), config.segmentBytes(), syncLock);
            kept = new KeptSegments(config, segments, cursors.all(), log::end, clock);
            room = new JournalRoom(config.maxBytes(), log, segments, kept, laggards, this::wakeSyncer);
            appender = new JournalAppender(config, log, room, appendLock, syncLock);
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
        return appender.append(event);
    }

    @Override
    public boolean syncsEachEvent() {
        return appender.syncsEachEvent();
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
        return appender.awaitDurable(ticket);
    }

    /** The syncer is made last (its thread starts at once): no append, so no wake, comes before it is. */
    private void wakeSyncer() {
        syncer.wake();
    }

    /**
     * The journal's thread, every interval: makes room, with {@code interval} forces what was written, and in both
     * modes forces the endpoints' positions.
     */
    private void periodicSync() {
        // first, so that an append waiting for room never waits behind a slow force
        room.make(appender::closed);
        appender.forceWritten();
        cursors.forcePositions();
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
            return cursors.open(this, endpoint, wanted, choice);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal cursor of endpoint " + endpoint + ": " + e, e);
        }
    }

    /**
     * Forgets an endpoint that is gone for good (a subscription deleted), whose thread has stopped: the journal no
     * longer keeps segments for it, and its position and dead letters are deleted. It may be called before every
     * cursor is open: what it no longer keeps is deleted once the cursors move.
     *
     * @param endpoint the endpoint's name
     * @throws UncheckedIOException if its files cannot be deleted
     * @since 0.4
     */
    public void forget(String endpoint) {
        try {
            cursors.forget(endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the journal files of endpoint " + endpoint + ": " + e, e);
        }
        kept.cursorForgotten();
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
        return room.retainedBytes();
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
        appender.awaitAppend(position, nanos);
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
        appender.close(this::closeFiles);
    }

    /** Under both locks, once, after the log: the segments' deletion, the cursors' files, then the directory. */
    private void closeFiles() {
        segments.close();
        cursors.closeAll();
        try {
            lock.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "RN-324 the journal's lock was not released cleanly", e);
        }
    }
}
