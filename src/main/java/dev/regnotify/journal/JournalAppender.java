package dev.regnotify.journal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.delivery.DropReport;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.records.EventRecords;

/**
 * The journal's write path: frames an event, checks that it fits ({@link JournalRoom}), and writes it (with
 * {@code interval}) or reserves it for a group commit (with {@code always}); what it cannot keep it reports at a
 * bounded rate. Closing it stops the appends and closes the log, and it wakes the readers that wait at the log's end.
 *
 * <p>Locks (the journal's, shared with {@link LogWriter} and {@link GroupCommit}): the append lock guards where the
 * log ends (writes, reservations, {@link #ticketsIssued}) and the setting of {@link #closed}; the sync lock guards
 * the file being forced against a roll or a close, and the group commit's leader. With {@code interval}, appenders
 * take the append lock, then (to roll) the sync lock; with {@code always}, the leader of a group commit and
 * {@link #close} take the sync lock, then the append lock.
 */
final class JournalAppender {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.journal");
    /** The longest an append that found the journal full waits for a lagging endpoint to be moved on. */
    static final Duration ROOM_WAIT = Duration.ofSeconds(1);
    private static final long FULL = -2;

    private final JournalConfig config;
    private final boolean always;
    private final ReentrantLock appendLock;
    private final ReentrantLock syncLock;
    private final LogWriter log;
    private final JournalRoom room;
    private final GroupCommit commit;
    private final AppendSignal readers;
    private final DropReport full = new DropReport(LOG, "RN-322 the journal is full: {0} notifications dropped since "
            + "the last report; the registry operations succeeded ({1})");
    private final DropReport unwritten = new DropReport(LOG, "RN-321 {0} notifications could not be written to the "
            + "journal since the last report and are lost; the registry operations succeeded ({1})");
    // guarded by appendLock
    private long ticketsIssued;
    // set under both locks, once; read without them
    private volatile boolean closed;

    JournalAppender(JournalConfig config, LogWriter log, JournalRoom room, ReentrantLock appendLock,
            ReentrantLock syncLock) {
        this.config = config;
        this.always = config.fsync() == JournalConfig.Fsync.ALWAYS;
        this.appendLock = appendLock;
        this.syncLock = syncLock;
        this.log = log;
        this.room = room;
        this.readers = new AppendSignal(log::end, () -> closed);
        this.commit = new GroupCommit(appendLock, syncLock, log, unwritten, config.directory(), readers::signal);
    }

    /** As {@link Journal#append}. */
    long append(RegistryEvent event) {
        byte[] record;
        try {
            record = JournalReader.frame(EventRecords.encode(event));
        } catch (RuntimeException e) {
            unwritten.dropped(() -> "event " + event.id() + " cannot be recorded: " + e.getMessage(), e);
            return -1;
        }
        if (record.length - Journal.HEADER > Journal.MAX_RECORD) {
            unwritten.dropped(() -> "event " + event.id() + " takes " + record.length + " bytes; a journal record "
                    + "holds at most " + Journal.MAX_RECORD, null);
            return -1;
        }
        long ticket = write(record);
        long deadline = System.nanoTime() + ROOM_WAIT.toNanos();
        // one endpoint lagging while another does not: the journal's thread is about to move it on (an append past
        // three quarters woke it); wait for that, at most ROOM_WAIT, rather than drop an event the others would deliver
        while (ticket == FULL && room.awaitMoved(deadline)) {
            ticket = write(record);
        }
        if (ticket == FULL) {
            full.dropped(() -> room.retainedBytes() + " of " + config.maxBytes() + " bytes", null);
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
            if (room.full(record.length, commit.reservedBytes())) {
                return FULL;
            }
            if (always) {
                commit.reserve(record);
                ticket = ++ticketsIssued;
                room.wakeIfFilling();
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
        readers.signal();
        room.wakeIfFilling();
        return ticket;
    }

    /** @return whether each append waits for its own sync ({@code always}) */
    boolean syncsEachEvent() {
        return always;
    }

    /** As {@link Journal#awaitDurable}. */
    boolean awaitDurable(long ticket) {
        if (ticket < 0 || !always) {
            return ticket >= 0; // with interval, a ticket's record was written by append itself
        }
        return commit.awaitDurable(ticket);
    }

    /**
     * The journal's thread, every interval: with {@code interval}, forces what was written (the roll takes the same
     * lock, so the file stays open); with {@code always}, the group commits force.
     */
    void forceWritten() {
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
    }

    /** @return whether appends have stopped */
    boolean closed() {
        return closed;
    }

    /** Waits up to {@code nanos} for an append beyond {@code position}. */
    void awaitAppend(long position, long nanos) throws InterruptedException {
        readers.await(position, nanos);
    }

    /**
     * Stops taking appends, writes what was reserved, waits for a sync in progress, forces and closes the log; the
     * first time only, runs {@code thenUnderLocks} while it still holds both locks; then wakes the waiting readers.
     */
    void close(Runnable thenUnderLocks) {
        if (always) {
            syncLock.lock();
            try {
                commit.awaitIdle();
                closeLog(thenUnderLocks);
            } finally {
                syncLock.unlock();
            }
        } else {
            appendLock.lock();
            try {
                syncLock.lock();
                try {
                    closeLog(thenUnderLocks);
                } finally {
                    syncLock.unlock();
                }
            } finally {
                appendLock.unlock();
            }
        }
        readers.signal();
    }

    /** Under both locks, once. */
    private void closeLog(Runnable thenUnderLocks) {
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
        thenUnderLocks.run();
    }
}
