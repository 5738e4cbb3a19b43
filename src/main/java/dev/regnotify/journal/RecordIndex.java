package dev.regnotify.journal;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.regnotify.delivery.EndpointFilter;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.records.EventRecords;
import dev.regnotify.registry.Descriptor;

/**
 * What each of the journal's records is, read once for every cursor: for a range of records, their starts, and which
 * of them are alike (one repository, one type of event, one target media type: a group). A cursor whose endpoint has
 * a filter asks its filter once per range about one record of each group ({@link EndpointFilter#mayAccept}), and
 * passes the records of the groups it does not want without reading them: an endpoint whose filter matches nothing
 * costs a test per group and a walk over an array per range, not a read of every event, whether its filter names
 * repositories whole, with globs, or not at all. What the index cannot read (a torn or corrupt record, an I/O error)
 * it leaves out: the cursor reads that record itself, as it always has, and says so.
 *
 * <p>Ranges are built by the first cursor that needs one, under this index's lock. The range at the journal's end
 * grows as records are appended, up to {@link #MAX_RECORDS} within its segment, rather than a new small range being
 * built for each few records (which would be read again and again as older ones are forgotten). What a range holds
 * never changes (records are not rewritten); it only gains records at its end. Ranges are forgotten once their
 * segments are deleted, or when there are more than {@link #MAX_RANGES}, or their groups' samples (decoded events,
 * one of each group) take more than {@link #MAX_SAMPLE_BYTES} as records: a registry of many repositories makes a
 * group of nearly every record, and the index must not become a copy of the journal in memory.
 */
final class RecordIndex {

    private static final int MAX_RECORDS = 16_384;
    private static final int MAX_RANGES = 64;
    // the groups' samples are decoded events, each up to a record's size: their encoded bytes are bounded, in a range
    // (it is full past this) and in all (the lowest ranges are forgotten past that)
    static final int MAX_RANGE_SAMPLE_BYTES = 1 << 20;
    static final long MAX_SAMPLE_BYTES = 16 << 20;

    /** What makes records alike for every filter: {@link EndpointFilter#mayAccept} answers alike for them. */
    private record Likeness(String repository, Class<?> type, String mediaType) {

        static Likeness of(RegistryEvent event) {
            return new Likeness(event.repository().value(), event.getClass(),
                    event.target().map(Descriptor::mediaType).orElse(""));
        }
    }

    /** Records alike: one of them, for filters to judge them all by. */
    private record Group(RegistryEvent sample, String repository) {
    }

    /**
     * Records from {@code start} (a record's start) on, in one segment: each one's start and group, in order. Arrays
     * grow by copying, and what is below {@code count} never changes: a {@link View} taken under the lock can be
     * read after it.
     */
    private static final class Range {
        final long start;
        final long base;
        long end;
        long[] starts = new long[64];
        int[] groupOf = new int[64];
        int count;
        Group[] groups = new Group[16];
        int groupCount;
        long sampleBytes;
        final Map<Likeness, Integer> groupIndex = new HashMap<>();

        Range(long start, long base) {
            this.start = start;
            this.base = base;
            this.end = start;
        }

        void add(long position, long next, RegistryEvent event, int size) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                groupOf = Arrays.copyOf(groupOf, count * 2);
            }
            Integer group = groupIndex.get(Likeness.of(event));
            if (group == null) {
                if (groupCount == groups.length) {
                    groups = Arrays.copyOf(groups, groupCount * 2);
                }
                group = groupCount;
                groups[groupCount++] = new Group(event, event.repository().value());
                sampleBytes += size;
                groupIndex.put(Likeness.of(event), group);
            }
            starts[count] = position;
            groupOf[count] = group;
            count++;
            end = next;
        }

        boolean full() {
            return count >= MAX_RECORDS || sampleBytes >= MAX_RANGE_SAMPLE_BYTES;
        }

        View view() {
            return new View(this, starts, groupOf, count, groups, groupCount, end);
        }
    }

    /** What a range held when a cursor asked: read without the index's lock. */
    private record View(Range range, long[] starts, int[] groupOf, int count, Group[] groups, int groupCount,
            long end) {
    }

    /**
     * One cursor's choice among the groups of the range it is in: each group judged once, when the cursor first
     * meets it. Used by its cursor alone, under the cursor's lock.
     */
    static final class Choice {
        private final EndpointFilter filter;
        private final Optional<Set<String>> names;
        private Range range;
        private final BitSet wanted = new BitSet();
        private int judged;

        Choice(EndpointFilter filter) {
            this.filter = filter;
            this.names = filter.repositoryNames();
        }

        long next(View view, long position) {
            int ordinal = Arrays.binarySearch(view.starts(), 0, view.count(), position);
            if (ordinal < 0) {
                return position; // not a start the index read: the cursor reads from there itself
            }
            if (range != view.range()) {
                range = view.range();
                wanted.clear();
                judged = 0;
            }
            for (; judged < view.groupCount(); judged++) {
                Group group = view.groups()[judged];
                // names whole: a lookup rules out the other repositories' groups before the filter is asked
                if ((names.isEmpty() || names.get().contains(group.repository()))
                        && filter.mayAccept(group.sample())) {
                    wanted.set(judged);
                }
            }
            int[] groupOf = view.groupOf();
            for (int o = ordinal; o < view.count(); o++) {
                if (wanted.get(groupOf[o])) {
                    return view.starts()[o];
                }
            }
            return view.end();
        }
    }

    private final Journal journal;
    // by start; guarded by this
    private final TreeMap<Long, Range> ranges = new TreeMap<>();
    private long decoded;
    private long sampleBytes;

    RecordIndex(Journal journal) {
        this.journal = journal;
    }

    /**
     * @param position where a cursor is: a record's start, below the journal's end
     * @param choice the cursor's choice, with its filter
     * @return where the next record it may want starts: {@code position} itself when that record is one of them or
     *         the index could not tell (the cursor reads it), or further on
     */
    long next(long position, Choice choice) {
        View view;
        synchronized (this) {
            Range range = rangeAt(position);
            if (range == null) {
                return position;
            }
            view = range.view();
        }
        return choice.next(view, position);
    }

    /** @return the encoded bytes of the samples its ranges hold (for tests) */
    synchronized long sampleBytes() {
        return sampleBytes;
    }

    /** @return how many records the index decoded (for tests) */
    synchronized long decoded() {
        return decoded;
    }

    private Range rangeAt(long position) {
        Map.Entry<Long, Range> below = ranges.floorEntry(position);
        Map.Entry<Long, Range> above = ranges.higherEntry(position);
        long before = above == null ? Long.MAX_VALUE : above.getKey();
        if (below != null) {
            Range range = below.getValue();
            if (position < range.end) {
                return range;
            }
            if (position == range.end && !range.full() && read(range, before)) {
                forgetOld(range);
                return range; // the range at the end of what was read grows, rather than a small one beside it
            }
        }
        long base = journal.segments().baseOf(position);
        if (position >= journal.end() || base < 0) {
            return null;
        }
        Range built = new Range(position, base);
        if (!read(built, before)) {
            return null;
        }
        ranges.put(position, built);
        forgetOld(built);
        return built;
    }

    /**
     * Reads records from the range's end to its segment's end, the journal's, {@code before} or a bound.
     *
     * @return whether it read any
     */
    private boolean read(Range range, long before) {
        long end = journal.end();
        if (range.end >= end || journal.segments().baseOf(range.end) != range.base) {
            return false;
        }
        long nextBase = journal.segments().next(range.base);
        long limit = Math.min(nextBase >= 0 ? nextBase : end, before);
        int had = range.count;
        long sampled = range.sampleBytes;
        try (JournalReader reader = journal.segments().reader(range.base)) {
            while (range.end < limit && !range.full()) {
                byte[] payload = reader.read(range.end - range.base, limit - range.base);
                if (payload == null) {
                    break;
                }
                RegistryEvent event = EventRecords.decode(payload);
                decoded++;
                range.add(range.end, range.end + Journal.HEADER + payload.length, event, payload.length);
            }
        } catch (IOException | RuntimeException e) {
            // the range ends before the record it could not read: the cursor reads that one itself and says why
        }
        sampleBytes += range.sampleBytes - sampled;
        return range.count > had;
    }

    /**
     * Forgets the ranges of deleted segments, then the lowest ones past {@link #MAX_RANGES} or
     * {@link #MAX_SAMPLE_BYTES}, never the one just built or grown: a cursor behind every range kept is about to walk
     * it (forgotten, it would be built again for each record the cursor reads).
     */
    private void forgetOld(Range built) {
        long oldest = journal.oldest();
        Iterator<Range> lowest = ranges.values().iterator();
        while (lowest.hasNext()) {
            Range range = lowest.next();
            if (range != built && (range.end <= oldest || ranges.size() > MAX_RANGES
                    || sampleBytes > MAX_SAMPLE_BYTES)) {
                lowest.remove();
                sampleBytes -= range.sampleBytes;
            }
        }
    }
}
