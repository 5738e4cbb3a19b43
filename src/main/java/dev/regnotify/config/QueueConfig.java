package dev.regnotify.config;

/**
 * How many events an endpoint holds for its receiver, and how many envelopes it sends at once.
 *
 * @param capacity how many events the endpoint's in-memory queue holds at most ({@code queuecapacity}, default
 *                 100,000: about 35 MB of heap for typical events); beyond, events are dropped and counted. With a
 *                 journal, its {@code maxbytes} bounds the endpoints instead
 * @param maxInFlight how many envelopes may be in flight at once ({@code maxinflight}, default 1: one at a time, in
 *                    the order the events were produced); with more, events are partitioned by repository and stay
 *                    in order per repository
 * @since 0.3
 */
public record QueueConfig(int capacity, int maxInFlight) {

    /** The default capacity of an endpoint's in-memory queue, in events. */
    public static final int DEFAULT_CAPACITY = 100_000;
    /** The most envelopes an endpoint may have in flight (each is a thread and a connection). */
    public static final int MAX_IN_FLIGHT = 64;
    /** The default capacity, one envelope in flight. */
    public static final QueueConfig DEFAULT = new QueueConfig(DEFAULT_CAPACITY, 1);

    /** The capacity must be 1 or more, the envelopes in flight from 1 to {@value #MAX_IN_FLIGHT}. */
    public QueueConfig {
        if (capacity < 1) {
            throw new IllegalArgumentException("queuecapacity must be 1 or more, got " + capacity);
        }
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
            throw new IllegalArgumentException("maxinflight must be from 1 to " + MAX_IN_FLIGHT + ", got "
                    + maxInFlight);
        }
    }
}
