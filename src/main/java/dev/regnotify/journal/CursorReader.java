package dev.regnotify.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.function.Predicate;

import dev.regnotify.events.RegistryEvent;
import dev.regnotify.records.EventRecords;

/**
 * Reads an endpoint's records from the journal: from where it has read up to, the next event it wants, passing the
 * records its filter does not want (through the journal's index), skipping a corrupt record to the end of its segment.
 * Also reads, with a reader of its own, the wanted events of a range that the cursor is moved past.
 *
 * <p>Every method runs under its cursor's lock: the endpoint's thread reads, the journal's thread moves it on.
 */
final class CursorReader {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.journal");

    private final Journal journal;
    private final String endpoint;
    private final Predicate<RegistryEvent> wanted;
    // which records it may want, judged through the journal's index; null: it reads every record
    private final RecordIndex.Choice choice;
    private long readPosition;
    private JournalReader reader;
    private long readerBase = -1;

    CursorReader(Journal journal, String endpoint, Predicate<RegistryEvent> wanted, RecordIndex.Choice choice) {
        this.journal = journal;
        this.endpoint = endpoint;
        this.wanted = wanted;
        this.choice = choice;
    }

    /** @return where the next record to read starts: every record before was read */
    long position() {
        return readPosition;
    }

    /** Reads from {@code position} on, as if the records before were read, and those after not. */
    void position(long position) {
        readPosition = position;
    }

    /** Moves the position on to {@code to}, if it is before; the records between are not read. */
    void passTo(long to) {
        if (readPosition < to) {
            readPosition = to;
            closeReader();
        }
    }

    /**
     * @return the next event the endpoint wants (it ends at {@link #position()}), or null when the log has no more
     * @throws UncheckedIOException if the log cannot be read: the position stays at the failed record
     */
    RegistryEvent next() {
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

    /**
     * Reads the wanted events between two positions of one segment, with a reader of its own.
     *
     * @return false if the segment could not be read (an I/O error): the cursor must not pass it
     */
    boolean readRange(long base, long from, long to, OverrunLetters into) {
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

    /** Closes the segment being read; the endpoint's thread has stopped. */
    void close() throws IOException {
        if (reader != null) {
            reader.close();
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
}
