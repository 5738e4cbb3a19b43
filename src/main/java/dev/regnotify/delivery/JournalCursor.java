package dev.regnotify.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import dev.regnotify.events.RegistryEvent;

/**
 * One endpoint's queue over the {@link Journal}: reads the log from the endpoint's persisted position, skips the
 * events the endpoint ignores, and persists its new position when envelopes are acknowledged. The events are in the
 * journal already when they are offered, so {@link #offer} only counts them.
 *
 * <p>The endpoint's thread reads and acknowledges; producers only offer; the journal reads {@link #acknowledged()}.
 *
 * @since 0.1
 */
public final class JournalCursor implements NotificationQueue {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private final Journal journal;
    private final String endpoint;
    private final CursorFile file;
    private final Predicate<RegistryEvent> wanted;
    private final AtomicLong pending = new AtomicLong();
    // where each polled, wanted, not yet acknowledged event ends, oldest first
    private final ArrayDeque<Long> unacknowledged = new ArrayDeque<>();
    private long readPosition;
    private volatile long acknowledged;
    private volatile boolean closed;
    private JournalReader reader;
    private long readerBase = -1;

    JournalCursor(Journal journal, String endpoint, CursorFile file, Predicate<RegistryEvent> wanted)
            throws IOException {
        this.journal = journal;
        this.endpoint = endpoint;
        this.file = file;
        this.wanted = wanted;
        // a position before the oldest segment means its segments were deleted: start at what is left
        this.readPosition = Math.max(file.position(), journal.oldest());
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
                    LogNumbers.plain(waiting));
        }
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
            if (unacknowledged.isEmpty() && readPosition > acknowledged) {
                persist(readPosition); // only ignored events were read: move past them
            }
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

    @Override
    public void acknowledge(int count) {
        long to = acknowledged;
        for (int i = 0; i < count && !unacknowledged.isEmpty(); i++) {
            to = unacknowledged.poll();
        }
        // nothing polled is left unacknowledged: every record read was delivered or ignored
        persist(unacknowledged.isEmpty() ? readPosition : to);
        pending.addAndGet(-count);
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

    /** Forces the position and closes the files; the endpoint's thread has stopped. */
    void closeFiles() {
        try {
            file.force();
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
        try {
            while (readPosition < journal.end()) {
                Map.Entry<Long, Path> segment = journal.segmentAt(readPosition);
                if (readerBase != segment.getKey()) {
                    if (reader != null) {
                        reader.close();
                    }
                    reader = new JournalReader(segment.getValue());
                    readerBase = segment.getKey();
                }
                long nextBase = journal.nextSegment(readerBase);
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
            throw new UncheckedIOException("cannot read the journal for endpoint " + endpoint, e);
        }
    }

    private void skipCorrupt(long nextBase) {
        long to = nextBase >= 0 ? nextBase : journal.end();
        LOG.log(Level.ERROR, "RN-323 journal record at {0} is corrupt; endpoint {1} skips to {2} ({3} bytes lost)",
                LogNumbers.plain(readPosition), endpoint, LogNumbers.plain(to), LogNumbers.plain(to - readPosition));
        readPosition = to;
    }

    private void persist(long position) {
        if (position == acknowledged) {
            return;
        }
        try {
            file.write(position);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the journal position of endpoint " + endpoint, e);
        }
        acknowledged = position;
        journal.release();
    }
}
