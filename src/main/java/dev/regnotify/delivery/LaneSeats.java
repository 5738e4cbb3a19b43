package dev.regnotify.delivery;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * How many of one endpoint's lanes may hold a delivery thread at once: all of them, but never every thread of the
 * pool, so that a receiver that hangs (each of its lanes' attempts holding a thread for the {@code timeout}) leaves a
 * thread to the other endpoints. A lane without a seat rests until one is freed.
 *
 * <p>Thread-safe: the lanes' turns, on any of the pool's threads, take and free seats.
 */
final class LaneSeats {

    private final Semaphore free;
    // lanes that found no seat, woken one at a time as seats are freed
    private final ConcurrentLinkedQueue<Turns> waiting = new ConcurrentLinkedQueue<>();

    /**
     * @param lanes the endpoint's lanes
     * @param threads the pool's threads
     */
    LaneSeats(int lanes, int threads) {
        this.free = new Semaphore(Math.min(lanes, Math.max(1, threads - 1)));
    }

    /**
     * Runs a lane's turn if a seat is free.
     *
     * @param turn the lane's turn
     * @param lane the lane's turns, woken once a seat is freed if none is now
     * @return what the turn answered, or {@link Turns#IDLE} without a seat
     */
    long turn(LongSupplier turn, Turns lane) {
        if (!free.tryAcquire()) {
            if (!waiting.contains(lane)) { // only its own turns, which never overlap, add it
                waiting.add(lane);
            }
            // a seat freed since the first try woke whoever waited then: take it rather than wait for a wake
            if (!free.tryAcquire()) {
                return Turns.IDLE;
            }
        }
        waiting.remove(lane); // seated: a wake meant for it would pass over a lane that waits
        try {
            return turn.getAsLong();
        } finally {
            free.release();
            Turns next = waiting.poll();
            if (next != null) {
                next.wake();
            }
        }
    }
}
