package dev.regnotify.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Each endpoint's deliveries over a window, in buckets of equal length, for the page's charts.
 *
 * @param from the start of the first bucket
 * @param bucket each bucket's length
 * @param endpoints per endpoint, its buckets, oldest first
 * @since 0.3
 */
public record Rates(Instant from, Duration bucket, List<Series> endpoints) {

    /** Copies the series. */
    public Rates {
        endpoints = List.copyOf(endpoints);
    }

    /**
     * @param endpoint the endpoint's name
     * @param buckets its buckets, oldest first
     */
    public record Series(String endpoint, List<Bucket> buckets) {

        /** Copies the buckets. */
        public Series {
            buckets = List.copyOf(buckets);
        }
    }

    /**
     * @param successes attempts accepted in the bucket
     * @param failures attempts refused or not delivered in the bucket
     * @param p50 the median attempt's duration, or null without attempts
     * @param p99 the 99th percentile's, or null without attempts
     */
    public record Bucket(long successes, long failures, Duration p50, Duration p99) {
    }
}
