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
    private final Predicate<RegistryEvent> wanted;
    private final AtomicLong pending = new AtomicLong();
    // the endpoint's thread reads and acknowledges; the journal's thread overruns a cursor too far behind. The lock
    // guards the reader, the unacknowledged ends and the moves of the position
    private final ReentrantLock lock = new ReentrantLock();
    private final CursorReader reader;
    private final CursorPosition position;
    // where each polled, wanted, not yet acknowledged event ends, oldest first
    private final ArrayDeque<Long> unacknowledged = new ArrayDeque<>();
    private volatile boolean closed;
    private volatile Overrun overrun = Overrun.DROP;

    /**
     * Takes up the endpoint's position, and counts the events waiting for it.
     *
     * @param file the endpoint's position file, which the cursor owns from now on: closed if the cursor fails to open
     * @throws IOException if its position cannot be rewritten, or the log cannot be read
     */
    JournalCursor(Journal journal, String endpoint, CursorFile file, Predicate<RegistryEvent> wanted,
            RecordIndex.Choice choice) throws IOException {
        this.journal = journal;
        this.endpoint = endpoint;
        this.wanted = wanted;
        this.reader = new CursorReader(journal, endpoint, wanted, choice);
        this.position = new CursorPosition(endpoint, file, journal::release);
        try {
            start();
        } catch (UncheckedIOException e) {
            // the log could not be read: thrown as the other failures to open, which the journal names the endpoint in
            closeAfterFailedOpen(e.getCause());
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            closeAfterFailedOpen(e);
            throw e;
        }
    }

    /** Nobody holds this cursor yet: what it opened is closed, and nothing written is forced. */
    private void closeAfterFailedOpen(Exception failure) {
        try {
            reader.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        try {
            position.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private void start() throws IOException {
        long start = startingPosition(position.persisted());
        reader.position(start);
        position.startAt(start);
        long waiting = 0;
        while (next() != null) {
            waiting++;
        }
        unacknowledged.clear();
        reader.position(position.acknowledged());
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
            position.rewrite(journal.end());
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
            journal.awaitAppend(reader.position(), left);
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
            if (unacknowledged.isEmpty() && reader.position() > position.acknowledged()) {
                position.persist(reader.position());
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void acknowledge(int count) {
        lock.lock();
        try {
            long to = position.acknowledged();
            for (int i = 0; i < count && !unacknowledged.isEmpty(); i++) {
                to = unacknowledged.poll();
            }
            // nothing polled is left unacknowledged: every record read was delivered or ignored
            position.persist(unacknowledged.isEmpty() ? reader.position() : to);
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
        return journal.end() - position.acknowledged();
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
            long to = position.acknowledged();
            while (journal.end() - to > keepBytes) {
                long base = journal.segments().baseOf(to);
                long next = base < 0 ? -1 : journal.segments().next(base);
                if (next < 0) {
                    break;
                }
                long from = to;
                if (!reader.readRange(base, from, next, letters)) {
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
            if (to == position.acknowledged()) {
                return false;
            }
            LOG.log(Level.ERROR, "RN-329 endpoint {0} {1}: its {2} oldest events become dead letters and the "
                    + "journal deletes their segments, so that the other endpoints keep their new events", endpoint,
                    reason, Long.toString(letters.passed()));
            reader.passTo(to);
            position.persist(to);
            pending.addAndGet(-Math.max(0, letters.passed() - letters.inFlight()));
            return true;
        } finally {
            lock.unlock();
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
            taken = reader.position();
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
        return position.acknowledged();
    }

    /** Takes no more offers; reading goes on until the endpoint stops. */
    @Override
    public void close() {
        closed = true;
    }

    /** The journal's sync thread: forces the last position written. */
    void forcePosition() {
        position.force();
    }

    /** Forces the position and closes the files; the endpoint's thread has stopped. */
    void closeFiles() {
        try {
            forcePosition();
            position.close();
            reader.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "RN-324 the journal cursor of endpoint " + endpoint + " was not closed cleanly", e);
        }
    }

    /** @return the next event the endpoint wants, or null when the log has no more */
    private RegistryEvent next() {
        lock.lock();
        try {
            RegistryEvent event = reader.next();
            if (event != null) {
                unacknowledged.add(reader.position());
            }
            return event;
        } finally {
            lock.unlock();
        }
    }
}
