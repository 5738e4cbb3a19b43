package dev.regnotify.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.function.Predicate;

import dev.regnotify.delivery.EventReplay;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.records.EventRecords;

/**
 * One endpoint's events from a time on, read again from the journal with a reader of its own, from the segment that
 * holds the first of them up to the last event the endpoint's cursor had read when the replay was asked for (what
 * follows, the cursor delivers). Events before the time, and those the endpoint does not want, are passed over.
 *
 * <p>While it reads, its position keeps the journal's retention from deleting what it has still to read; the room
 * {@code maxbytes} needs does not wait for it: a segment deleted under it is logged ({@code RN-373}) and passed.
 * Read by the one worker that sends the replay; the journal reads {@link #position()}.
 */
final class JournalReplay implements EventReplay {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.journal");

    private final Journal journal;
    private final String endpoint;
    private final Predicate<RegistryEvent> wanted;
    private final Instant since;
    private final long start;
    private final long end;
    private volatile long position;
    private JournalReader reader;
    private long readerBase = -1;

    JournalReplay(Journal journal, String endpoint, Predicate<RegistryEvent> wanted, Instant since, long start,
            long end) {
        this.journal = journal;
        this.endpoint = endpoint;
        this.wanted = wanted;
        this.since = since;
        this.start = start;
        this.end = end;
        this.position = start;
    }

    /** @return where it reads next: the journal keeps what follows from retention's deletions */
    long position() {
        return position;
    }

    @Override
    public long bytes() {
        return Math.max(0, end - start);
    }

    @Override
    public RegistryEvent next() {
        try {
            while (position < end) {
                if (!openSegment()) {
                    continue;
                }
                long nextBase = journal.segments().next(readerBase);
                long limit = Math.min(end, nextBase >= 0 ? nextBase : journal.end()) - readerBase;
                byte[] payload = reader.read(position - readerBase, limit);
                if (payload == null) {
                    long to = readerBase + limit;
                    LOG.log(Level.ERROR, "RN-323 journal record at {0} is corrupt; the replay of endpoint {1} skips "
                            + "to {2} ({3} bytes lost)", Long.toString(position), endpoint, Long.toString(to),
                            Long.toString(to - position));
                    position = to;
                    continue;
                }
                position += Journal.HEADER + payload.length;
                RegistryEvent event = EventRecords.decode(payload);
                if (!event.timestamp().isBefore(since) && wanted.test(event)) {
                    return event;
                }
            }
            return null;
        } catch (IOException e) {
            closeReader(); // the position is where the failed record starts: the next call reads it again
            throw new UncheckedIOException("cannot read the journal for the replay of endpoint " + endpoint + ": "
                    + e, e);
        }
    }

    /** @return whether the segment holding the position is open; false if it was deleted (the position moved on) */
    private boolean openSegment() throws IOException {
        long base = journal.segments().baseOf(position);
        if (base == readerBase && reader != null) {
            return true;
        }
        closeReader();
        JournalReader opened = base < 0 ? null : journal.segments().readerIfKept(base);
        if (opened == null) {
            long oldest = Math.min(end, Math.max(position, journal.oldest()));
            LOG.log(Level.ERROR, "RN-373 the replay of endpoint {0} since {1} lost {2} bytes of events: their "
                    + "journal segments were deleted to make room for new events (maxbytes)", endpoint, since,
                    Long.toString(oldest - position));
            position = oldest == position ? end : oldest;
            return false;
        }
        reader = opened;
        readerBase = base;
        return true;
    }

    private void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "the replay reader of endpoint {0} was not closed cleanly: {1}", endpoint, e);
            }
            reader = null;
            readerBase = -1;
        }
    }

    @Override
    public void close() {
        closeReader();
        journal.replayEnded(this);
    }
}
