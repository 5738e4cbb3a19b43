package dev.regnotify.demo;

/**
 * Latencies in nanoseconds, in fixed memory whatever the count: log-linear buckets (64 per power of two, so under
 * 1.6% error), as HdrHistogram does on a small scale. One thread records.
 */
final class LatencyHistogram {

    private static final int SUB_BUCKETS = 64;
    private final long[] counts = new long[64 * SUB_BUCKETS];
    private long total;

    void record(long nanos) {
        counts[index(Math.max(1, nanos))]++;
        total++;
    }

    long count() {
        return total;
    }

    /** @return the value at the given quantile (0 to 1), in nanoseconds; 0 when empty */
    long quantile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank && counts[i] > 0) {
                return upperBound(i);
            }
        }
        return upperBound(counts.length - 1);
    }

    private static int index(long value) {
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        if (exponent < 6) {
            return (int) value;
        }
        int sub = (int) ((value >>> (exponent - 6)) & (SUB_BUCKETS - 1));
        return (exponent - 5) * SUB_BUCKETS + sub;
    }

    private static long upperBound(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int exponent = index / SUB_BUCKETS + 5;
        long sub = index % SUB_BUCKETS;
        return ((SUB_BUCKETS + sub + 1) << (exponent - 6)) - 1;
    }
}
