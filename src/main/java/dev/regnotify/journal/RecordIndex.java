package dev.regnotify.journal;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.regnotify.events.RegistryEvent;
import dev.regnotify.records.EventRecords;

/**
 * Which repository each of the journal's records is about, read once for every cursor: for a range of records, where
 * each repository's start. A cursor whose endpoint wants only repositories it names whole ({@code filter.repositories}
 * without {@code *}) asks where its next record may be, and passes the others without reading them: an endpoint whose
 * filter matches nothing costs a lookup per range, not a read of every event. What the index cannot read (a torn or
 * corrupt record, an I/O error) it leaves out: the cursor reads that record itself, as it always has, and says so.
 *
 * <p>Ranges are built by the first cursor that needs one, under this index's lock, and never change (records are not
 * rewritten); they are forgotten once their segments are deleted, or when there are more than {@link #MAX_RANGES}.
 */
final class RecordIndex {

    private static final int MAX_RECORDS = 16_384;
    private static final int MAX_RANGES = 64;

    /** The records from {@code start} (a record's start) to {@code end}: each repository's records' starts, sorted. */
    private record Range(long start, long end, Map<String, long[]> starts) {

        /** @return the first start at or after {@code from} of these repositories' records, or the range's end */
        long next(Set<String> repositories, long from) {
            long next = end;
            for (String repository : repositories) {
                long[] positions = starts.get(repository);
                if (positions == null) {
                    continue;
                }
                int at = Arrays.binarySearch(positions, from);
                int first = at >= 0 ? at : -at - 1;
                if (first < positions.length) {
                    next = Math.min(next, positions[first]);
                }
            }
            return next;
        }
    }

    private final Journal journal;
    // by start; guarded by this
    private final TreeMap<Long, Range> ranges = new TreeMap<>();
    private long decoded;

    RecordIndex(Journal journal) {
        this.journal = journal;
    }

    /**
     * @param position where a cursor is: a record's start, below the journal's end
     * @param repositories the repositories its endpoint wants
     * @return where the next of their records may start: {@code position} itself when that record is one of them or
     *         the index could not tell (the cursor reads it), or further on
     */
    synchronized long next(long position, Set<String> repositories) {
        Range range = rangeAt(position);
        return range == null ? position : range.next(repositories, position);
    }

    /** @return how many records the index decoded (for tests) */
    synchronized long decoded() {
        return decoded;
    }

    private Range rangeAt(long position) {
        Map.Entry<Long, Range> below = ranges.floorEntry(position);
        if (below != null && position < below.getValue().end()) {
            return below.getValue();
        }
        Map.Entry<Long, Range> above = ranges.higherEntry(position);
        Range built = build(position, above == null ? Long.MAX_VALUE : above.getKey());
        if (built != null) {
            ranges.put(position, built);
            forgetOld();
        }
        return built;
    }

    /** Reads the records from {@code from} to the segment's end, the journal's, the next range's start, or a bound. */
    private Range build(long from, long before) {
        long end = journal.end();
        long base = journal.segments().baseOf(from);
        if (from >= end || base < 0) {
            return null;
        }
        long nextBase = journal.segments().next(base);
        long limit = Math.min(nextBase >= 0 ? nextBase : end, before);
        Map<String, Positions> starts = new HashMap<>();
        long position = from;
        try (JournalReader reader = journal.segments().reader(base)) {
            for (int records = 0; position < limit && records < MAX_RECORDS; records++) {
                byte[] payload = reader.read(position - base, limit - base);
                if (payload == null) {
                    break;
                }
                RegistryEvent event = EventRecords.decode(payload);
                decoded++;
                starts.computeIfAbsent(event.repository().value(), any -> new Positions()).add(position);
                position += Journal.HEADER + payload.length;
            }
        } catch (IOException | RuntimeException e) {
            // the range ends before the record it could not read: the cursor reads that one itself and says why
        }
        if (position == from) {
            return null;
        }
        Map<String, long[]> sorted = new HashMap<>();
        starts.forEach((repository, positions) -> sorted.put(repository, positions.toArray()));
        return new Range(from, position, sorted);
    }

    private void forgetOld() {
        long oldest = journal.oldest();
        ranges.values().removeIf(range -> range.end() <= oldest);
        while (ranges.size() > MAX_RANGES) {
            ranges.pollFirstEntry();
        }
    }

    /** A growing list of positions, in order. */
    private static final class Positions {
        private long[] values = new long[4];
        private int size;

        void add(long position) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = position;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
