package dev.regnotify.delivery.attempts;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One endpoint's attempt log: the newest attempts in a ring in memory ({@code log.attempts}), counts over time for
 * the charts, and, beside a journal, every attempt in {@link AttemptFiles} within their retention. Recording never
 * blocks nor fails delivery: the files are written by a thread of their own, and what they cannot take is still in
 * the ring. Thread-safe: the endpoint's workers record, the console reads.
 *
 * @since 0.3
 */
public final class AttemptLog implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    /** A window's buckets: where they start, how long each is, and their counts, oldest first. */
    public record Series(Instant from, Duration bucket, List<Rate> rates) {

        /** Copies the rates. */
        public Series {
            rates = List.copyOf(rates);
        }
    }

    /**
     * One bucket's attempts.
     *
     * @param successes attempts accepted
     * @param failures attempts refused or not answered
     * @param p50 the median attempt's duration (within 30%), or null without attempts
     * @param p99 the 99th percentile's, or null without attempts
     */
    public record Rate(long successes, long failures, Duration p50, Duration p99) {
    }

    private final String endpoint;
    private final AttemptRing ring;
    private final AttemptRates rates = new AttemptRates();
    private final AttemptFiles files;
    private final AtomicLong sequence;
    private final boolean on;
    private volatile Attempt lastSuccess;
    private volatile Attempt lastFailure;

    private AttemptLog(String endpoint, int capacity, AttemptFiles files) {
        this.endpoint = endpoint;
        this.on = capacity > 0;
        this.ring = new AttemptRing(capacity);
        this.files = files;
        long last = 0;
        if (files != null) {
            List<Attempt> recovered = files.recovered(capacity);
            for (Attempt attempt : recovered) {
                remember(attempt);
                rates.add(attempt.start(), attempt.duration(), attempt.succeeded());
            }
            last = files.lastSequence();
        }
        this.sequence = new AtomicLong(last);
    }

    /**
     * @param endpoint the endpoint's name
     * @param capacity how many attempts the ring keeps; 0 for a log that records nothing
     * @return a log in memory only
     */
    public static AttemptLog inMemory(String endpoint, int capacity) {
        return new AttemptLog(endpoint, capacity, null);
    }

    /**
     * A log whose attempts are also written to files; the ring starts with their newest attempts.
     *
     * @param capacity how many attempts the ring keeps
     * @param files where the attempts survive restarts; closed with this log
     * @return the log
     */
    public static AttemptLog onDisk(int capacity, AttemptFiles files) {
        return new AttemptLog(files.endpoint(), capacity, files);
    }

    /** @return whether it records attempts ({@code log.attempts} above 0) */
    public boolean on() {
        return on;
    }

    /** @return the endpoint's name */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Records an attempt; never throws, never waits.
     *
     * @param attempt the attempt, its sequence not yet given
     */
    public void record(Attempt attempt) {
        if (!on) {
            return;
        }
        try {
            Attempt numbered = attempt.numbered(sequence.incrementAndGet());
            remember(numbered); // its summaries packed in one array: nothing for the collector to trace
            rates.add(numbered.start(), numbered.duration(), numbered.succeeded());
            if (files != null) {
                files.append(numbered);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RN-364 endpoint " + endpoint + ": an attempt could not be logged; delivery goes "
                    + "on", e);
        }
    }

    private void remember(Attempt attempt) {
        ring.add(attempt);
        if (attempt.succeeded()) {
            lastSuccess = attempt;
        } else {
            lastFailure = attempt;
        }
    }

    /**
     * @param limit the most to return
     * @param which which attempts
     * @return the newest attempts that match, newest first, from the ring
     */
    public List<Attempt> newest(int limit, Predicate<Attempt> which) {
        return ring.newest(limit, which);
    }

    /** @return the newest attempt, or null */
    public Attempt last() {
        return ring.last();
    }

    /** @return the last attempt the receiver accepted, or null */
    public Attempt lastSuccess() {
        return lastSuccess;
    }

    /** @return the last attempt that failed, or null */
    public Attempt lastFailure() {
        return lastFailure;
    }

    /**
     * @param eventId an event's id
     * @return every attempt that carried it, in the ring and in the retained files, newest first
     */
    public List<Attempt> carrying(String eventId) {
        Map<Long, Attempt> found = new LinkedHashMap<>();
        for (Attempt attempt : ring.newest(Integer.MAX_VALUE, a -> a.carries(eventId))) {
            found.put(attempt.sequence(), attempt);
        }
        if (files != null) {
            for (Attempt attempt : files.carrying(eventId)) {
                found.put(attempt.sequence(), attempt);
            }
        }
        List<Attempt> all = new ArrayList<>(found.values());
        all.sort(Comparator.comparingLong(Attempt::sequence).reversed());
        return all;
    }

    /**
     * @param now the end of the window
     * @param window how far back, at most a day
     * @return the attempts over the window in buckets (at most 90), oldest first
     */
    public Series rates(Instant now, Duration window) {
        return rates.series(now, window);
    }

    /** Writes what the files have not yet taken, and closes them. */
    @Override
    public void close() {
        if (files != null) {
            files.close();
        }
    }

    @Override
    public String toString() {
        return "AttemptLog[" + endpoint + (files == null ? ", in memory]" : ", on disk]");
    }
}
