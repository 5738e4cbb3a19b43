package dev.regnotify.delivery.attempts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An endpoint's attempts counted in time slots, for the console's charts: successes, failures and a histogram of
 * durations per slot, 10-second slots for the last hour and 5-minute slots for the last day, so that a window of any
 * length up to a day is answered from at most a few hundred slots, whatever the ring keeps. About 170 KiB per
 * endpoint. Thread-safe.
 */
final class AttemptRates {

    /** Durations in microseconds, two buckets per doubling, up to about 71 minutes: within 30% of the truth. */
    private static final int BUCKETS = 1 + 2 * 32;
    private static final Duration FINE = Duration.ofSeconds(10);
    private static final Duration COARSE = Duration.ofMinutes(5);
    /** How many buckets a window is answered in, at most. */
    static final int MAX_BUCKETS = 90;

    private final Slots fine = new Slots(FINE, 360);
    private final Slots coarse = new Slots(COARSE, 288);

    void add(Instant start, Duration took, boolean succeeded) {
        int bucket = bucketOf(took);
        fine.add(start, bucket, succeeded);
        coarse.add(start, bucket, succeeded);
    }

    /**
     * @param now the end of the window
     * @param window how far back, at most a day
     * @return the window in at most {@value #MAX_BUCKETS} buckets, each a whole number of slots
     */
    AttemptLog.Series series(Instant now, Duration window) {
        Slots slots = window.compareTo(Duration.ofHours(1)) <= 0 ? fine : coarse;
        return slots.series(now, window);
    }

    static int bucketOf(Duration took) {
        long micros = Math.max(0, took.toNanos() / 1000);
        if (micros < 1) {
            return 0;
        }
        int octave = 63 - Long.numberOfLeadingZeros(micros);
        int half = octave == 0 ? 0 : (int) ((micros >> (octave - 1)) & 1);
        return Math.min(BUCKETS - 1, 1 + 2 * octave + half);
    }

    /** @return the middle of a bucket's durations */
    static Duration middleOf(int bucket) {
        if (bucket == 0) {
            return Duration.ZERO;
        }
        int octave = (bucket - 1) / 2;
        long low = (1L << octave) + ((bucket - 1) % 2) * (octave == 0 ? 0 : 1L << (octave - 1));
        long width = octave == 0 ? 1 : 1L << (octave - 1);
        return Duration.ofNanos((low * 1000) + width * 500);
    }

    /** A ring of slots of one length; a slot is reused once its time has passed out of the ring. */
    private static final class Slots {

        private final long lengthMillis;
        private final long[] epochs;
        private final long[][] counts;

        Slots(Duration length, int count) {
            this.lengthMillis = length.toMillis();
            this.epochs = new long[count];
            this.counts = new long[count][];
            Arrays.fill(epochs, -1);
        }

        synchronized void add(Instant start, int bucket, boolean succeeded) {
            long epoch = Math.floorDiv(start.toEpochMilli(), lengthMillis);
            int index = (int) Math.floorMod(epoch, (long) epochs.length);
            if (epochs[index] != epoch) {
                if (epochs[index] > epoch) {
                    return; // older than the ring
                }
                epochs[index] = epoch;
                counts[index] = new long[2 + BUCKETS];
            }
            long[] slot = counts[index];
            slot[succeeded ? 0 : 1]++;
            slot[2 + bucket]++;
        }

        synchronized AttemptLog.Series series(Instant now, Duration window) {
            long last = Math.floorDiv(now.toEpochMilli(), lengthMillis);
            long wanted = Math.min(epochs.length, Math.max(1, (window.toMillis() + lengthMillis - 1) / lengthMillis));
            long perBucket = Math.max(1, (wanted + MAX_BUCKETS - 1) / MAX_BUCKETS);
            long buckets = (wanted + perBucket - 1) / perBucket;
            long first = last - buckets * perBucket + 1;
            List<AttemptLog.Rate> rates = new ArrayList<>();
            for (long b = 0; b < buckets; b++) {
                long[] sum = new long[2 + BUCKETS];
                for (long epoch = first + b * perBucket; epoch < first + (b + 1) * perBucket; epoch++) {
                    int index = (int) Math.floorMod(epoch, (long) epochs.length);
                    if (epochs[index] == epoch) {
                        for (int i = 0; i < sum.length; i++) {
                            sum[i] += counts[index][i];
                        }
                    }
                }
                rates.add(new AttemptLog.Rate(sum[0], sum[1], percentile(sum, 0.50), percentile(sum, 0.99)));
            }
            return new AttemptLog.Series(Instant.ofEpochMilli(first * lengthMillis),
                    Duration.ofMillis(perBucket * lengthMillis), rates);
        }

        private static Duration percentile(long[] sum, double rank) {
            long total = sum[0] + sum[1];
            if (total == 0) {
                return null;
            }
            long target = (long) Math.ceil(rank * total);
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += sum[2 + i];
                if (seen >= target) {
                    return middleOf(i);
                }
            }
            return middleOf(BUCKETS - 1);
        }
    }
}
