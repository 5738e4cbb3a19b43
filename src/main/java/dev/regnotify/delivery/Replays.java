package dev.regnotify.delivery;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The dead letters an operator asked to replay, waiting for their turn: a letter goes to the back of the endpoint's
 * queue, so it is sent once every event that was queued when it was asked for has been taken for sending (or at
 * once if the queue is empty). Thread-safe: operators ask from any thread, the endpoint's threads take.
 */
final class Replays {

    private record Request(long id, long after) {
    }

    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private final Set<Long> outstanding = new HashSet<>();

    /**
     * @param id the letter's id
     * @param after how many events must have been taken from the queue before it goes
     * @return false if it is already waiting or being sent
     */
    synchronized boolean request(long id, long after) {
        if (!outstanding.add(id)) {
            return false;
        }
        waiting.add(new Request(id, after));
        return true;
    }

    /**
     * @param taken how many events have been taken from the queue so far
     * @param queueIdle whether the queue had nothing to give: then the next letter goes whatever its turn
     * @return the id of the next letter to send, or -1
     */
    synchronized long next(long taken, boolean queueIdle) {
        Request first = waiting.peek();
        if (first == null || (!queueIdle && first.after() > taken)) {
            return -1;
        }
        waiting.poll();
        return first.id();
    }

    /** @param id a letter that was sent, became a dead letter again, or is gone */
    synchronized void done(long id) {
        outstanding.remove(id);
    }

    /** @return letters asked for and not yet settled */
    synchronized int outstanding() {
        return outstanding.size();
    }
}
