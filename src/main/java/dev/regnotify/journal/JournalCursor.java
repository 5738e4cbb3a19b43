package dev.regnotify.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import dev.regnotify.delivery.EventReplay;
import dev.regnotify.delivery.NotificationQueue;
import dev.regnotify.delivery.ReplayRefusedException;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.records.EventRecords;

/**
 * One endpoint's queue over the {@link Journal}: reads the log from the endpoint's persisted position, skips the
 * events the endpoint ignores, and persists its new position when envelopes are acknowledged. The events are in the
 * journal already when they are offered, so {@link #offer} only counts them.
 *
 * <p>The endpoint's thread reads and acknowledges; producers only offer; the journal reads {@link #acknowledged()},
 * and moves a cursor that holds back more than half of the journal past its oldest segment ({@link #overrun}).
 *
 * @since 0.1
 */
public final class JournalCursor implements NotificationQueue {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.journal");

    private final Journal journal;
    private final String endpoint;
    private final CursorFile file;
    private final Predicate<RegistryEvent> wanted;
    // which records it may want, judged through the journal's index; null: it reads every record
    private final RecordIndex.Choice choice;
    private final AtomicLong pending = new AtomicLong();
    // where each polled, wanted, not yet acknowledged event ends, oldest first
    private final ArrayDeque<Long> unacknowledged = new ArrayDeque<>();
    private long readPosition;
    private volatile long acknowledged;
    private volatile boolean closed;
    private JournalReader reader;
    private long readerBase = -1;
    private boolean positionFailing;
    // the endpoint's thread reads and acknowledges; the journal's thread overruns a cursor too far behind
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Overrun overrun = Overrun.DROP;

    JournalCursor(Journal journal, String endpoint, CursorFile file, Predicate<RegistryEvent> wanted,
            RecordIndex.Choice choice) throws IOException {
        this.journal = journal;
        this.endpoint = endpoint;
        this.file = file;
        this.wanted = wanted;
        this.choice = choice;
        this.readPosition = startingPosition(file.position());
        this.acknowledged = readPosition;
        long waiting = 0;
        while (next() != null) {
            waiting++;
        }
        unacknowledged.clear();
        this.readPosition = acknowledged;
        pending.set(waiting);
        if (waiting > 0) {
            LOG.log(Level.INFO, "RN-326 endpoint {0} resumes from the journal with {1} events to deliver", endpoint,
                    Long.toString(waiting));
        }
    }

    /**
     * A position before the oldest segment means its segments were deleted: start at what is left. One beyond the
     * end means a machine crash took the log's unsynced tail after this position was written: what the cursor had
     * passed was delivered, and new events go where the log now ends, so start there, and record it at once: the
     * old position would otherwise stay on disk until the endpoint delivers, and a restart before that would take it
     * up again, in the middle of the events written since.
     */
    private long startingPosition(long persisted) throws IOException {
        if (persisted > journal.end()) {
            LOG.log(Level.WARNING, "RN-327 endpoint {0} was at {1}, beyond the journal''s end {2} (its unsynced tail "
                    + "was lost to a crash after being delivered); it resumes at the end", endpoint,
                    Long.toString(persisted), Long.toString(journal.end()));
            file.write(journal.end());
            return journal.end();
        }
        return Math.max(persisted, journal.oldest());
    }

    @Override
    public boolean offer(RegistryEvent event) {
        if (closed) {
            return false;
        }
        pending.incrementAndGet();
        return true;
    }

    @Override
    public RegistryEvent poll(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            RegistryEvent event = next();
            if (event != null) {
                return event;
            }
            passIgnored();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            journal.awaitAppend(readPosition, left);
        }
    }

    @Override
    public RegistryEvent poll() {
        return next();
    }

    /** Only ignored events were read since the last acknowledged one: moves past them. */
    private void passIgnored() {
        lock.lock();
        try {
            if (unacknowledged.isEmpty() && readPosition > acknowledged) {
                persist(readPosition);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void acknowledge(int count) {
        lock.lock();
        try {
            long to = acknowledged;
            for (int i = 0; i < count && !unacknowledged.isEmpty(); i++) {
                to = unacknowledged.poll();
            }
            // nothing polled is left unacknowledged: every record read was delivered or ignored
            persist(unacknowledged.isEmpty() ? readPosition : to);
        } finally {
            lock.unlock();
        }
        pending.addAndGet(-count);
    }

    @Override
    public void onOverrun(Overrun keeper) {
        this.overrun = keeper;
    }

    /** @return how many bytes of the journal this endpoint holds back */
    long backlogBytes() {
        return journal.end() - acknowledged;
    }

    /**
     * Moves this cursor past its oldest segments until it holds back at most {@code keepBytes}, so that the journal
     * can delete them: the events of them that the endpoint wants and has not acknowledged go to its {@link Overrun}
     * (its dead letters), those it holds in flight included (it may deliver them still: then they are in both). The
     * journal's thread, when this endpoint holds back too much of a nearly full journal: one endpoint's receiver that
     * is gone or stuck must not cost the others their new events.
     *
     * @param keepBytes how far behind the journal's end it may stay
     * @param reason why, for the endpoint's dead letters and the log
     * @return whether the cursor moved (not when its oldest segment is the one being written)
     */
    boolean overrun(long keepBytes, String reason) {
        lock.lock();
        try {
            OverrunLetters letters = new OverrunLetters(overrun, reason);
            long to = acknowledged;
            while (journal.end() - to > keepBytes) {
                long base = journal.segments().baseOf(to);
                long next = base < 0 ? -1 : journal.segments().next(base);
                if (next < 0) {
                    break;
                }
                long from = to;
                if (!readRange(base, from, next, letters)) {
                    // the position stays before the segment that could not be read: its events stay in the journal
                    letters.forgetSegment();
                    break;
                }
                // the segment's events are kept as letters before the position passes them (a crash between loses
                // nothing); if they cannot be kept where a restart finds them, the position stays before them
                if (!letters.keepSegment()) {
                    break;
                }
                // events polled and not yet acknowledged within the range: the endpoint counts them off when it does
                letters.inFlight((int) unacknowledged.stream().filter(end -> end > from && end <= next).count());
                to = next;
            }
            if (to == acknowledged) {
                return false;
            }
            LOG.log(Level.ERROR, "RN-329 endpoint {0} {1}: its {2} oldest events become dead letters and the "
                    + "journal deletes their segments, so that the other endpoints keep their new events", endpoint,
                    reason, Long.toString(letters.passed()));
            if (readPosition < to) {
                readPosition = to;
                closeReader();
            }
            persist(to);
            pending.addAndGet(-Math.max(0, letters.passed() - letters.inFlight()));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads the wanted events between two positions of one segment, with a reader of its own.
     *
     * @return false if the segment could not be read (an I/O error): the cursor must not pass it
     */
    private boolean readRange(long base, long from, long to, OverrunLetters into) {
        try (JournalReader range = journal.segments().reader(base)) {
            long position = from;
            while (position < to) {
                byte[] payload = range.read(position - base, to - base);
                if (payload == null) {
                    LOG.log(Level.ERROR, "RN-323 journal record at {0} is corrupt; endpoint {1} skips to {2} ({3} "
                            + "bytes lost)", Long.toString(position), endpoint, Long.toString(to),
                            Long.toString(to - position));
                    return true;
                }
                position += Journal.HEADER + payload.length;
                RegistryEvent event = EventRecords.decode(payload);
                if (wanted.test(event)) {
                    into.add(event);
                }
            }
            return true;
        } catch (IOException e) {
            LOG.log(Level.ERROR, "RN-329 endpoint " + endpoint + ": a segment it was to be moved past could not be "
                    + "read; it stays before it, and the segment's events in the journal", e);
            return false;
        }
    }

    /**
     * Reads again, from the journal's kept segments, the events this endpoint wants from a time on, up to the last
     * one it has taken for sending (delivered, or in flight: an event in flight may arrive twice, never not at all):
     * what follows, it delivers as ever. The replay holds its segments against retention (not against
     * {@code maxbytes}) until it is closed.
     *
     * @throws ReplayRefusedException if the journal has no retention, or deleted events after that time already
     */
    @Override
    public EventReplay replaySince(Instant since) {
        long taken;
        lock.lock();
        try {
            taken = readPosition;
        } finally {
            lock.unlock();
        }
        return journal.replay(endpoint, wanted, since, taken);
    }

    @Override
    public long pending() {
        return Math.max(0, pending.get());
    }

    /** @return the position up to which this endpoint has delivered or ignored every event */
    long acknowledged() {
        return acknowledged;
    }

    /** Takes no more offers; reading goes on until the endpoint stops. */
    @Override
    public void close() {
        closed = true;
    }

    /** The journal's sync thread: forces the last position written. */
    void forcePosition() {
        try {
            file.force();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "RN-324 the journal position of endpoint " + endpoint + " could not be synced; a "
                    + "machine crash may make it send some events again", e);
        }
    }

    /** Forces the position and closes the files; the endpoint's thread has stopped. */
    void closeFiles() {
        try {
            forcePosition();
            file.close();
            if (reader != null) {
                reader.close();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "RN-324 the journal cursor of endpoint " + endpoint + " was not closed cleanly", e);
        }
    }

    /** @return the next event the endpoint wants, or null when the log has no more */
    private RegistryEvent next() {
        lock.lock();
        try {
            return nextLocked();
        } finally {
            lock.unlock();
        }
    }

    private RegistryEvent nextLocked() {
        try {
            while (readPosition < journal.end()) {
                if (choice != null) {
                    long next = journal.index().next(readPosition, choice);
                    if (next > readPosition) {
                        // the records between are of groups its filter does not want: none of them is wanted
                        readPosition = next;
                        continue;
                    }
                }
                long base = journal.segments().baseOf(readPosition);
                if (base < 0) {
                    readPosition = journal.oldest();
                    continue;
                }
                if (readerBase != base) {
                    closeReader();
                    reader = journal.segments().reader(base);
                    readerBase = base;
                }
                long nextBase = journal.segments().next(readerBase);
                long limit = nextBase >= 0 ? nextBase - readerBase : journal.end() - readerBase;
                byte[] payload = reader.read(readPosition - readerBase, limit);
                if (payload == null) {
                    skipCorrupt(nextBase);
                    continue;
                }
                readPosition += Journal.HEADER + payload.length;
                RegistryEvent event = EventRecords.decode(payload);
                if (wanted.test(event)) {
                    unacknowledged.add(readPosition);
                    return event;
                }
            }
            return null;
        } catch (IOException e) {
            // the position is where the failed record starts: the next poll reads it again, on a file opened anew
            closeReader();
            throw new UncheckedIOException("cannot read the journal for endpoint " + endpoint + ": " + e, e);
        }
    }

    private void closeReader() {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "the journal reader of endpoint {0} was not closed cleanly: {1}", endpoint, e);
        }
        reader = null;
        readerBase = -1;
    }

    private void skipCorrupt(long nextBase) {
        long to = nextBase >= 0 ? nextBase : journal.end();
        LOG.log(Level.ERROR, "RN-323 journal record at {0} is corrupt; endpoint {1} skips to {2} ({3} bytes lost)",
                Long.toString(readPosition), endpoint, Long.toString(to), Long.toString(to - readPosition));
        readPosition = to;
    }

    /** Records a new position; never one before the current (an overrun may have passed events still in flight). */
    private void persist(long position) {
        if (position <= acknowledged) {
            return;
        }
        try {
            file.write(position);
            if (positionFailing) {
                positionFailing = false;
                LOG.log(Level.INFO, "RN-324 the journal position of endpoint {0} is recorded again", endpoint);
            }
        } catch (IOException e) {
            if (!positionFailing) {
                positionFailing = true;
                LOG.log(Level.WARNING, "RN-324 the journal position of endpoint " + endpoint + " could not be "
                        + "recorded; delivery goes on, and a restart may send the events since again", e);
            }
        }
        acknowledged = position;
        journal.release();
    }
}
