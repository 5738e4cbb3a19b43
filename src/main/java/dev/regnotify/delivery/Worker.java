package dev.regnotify.delivery;

import java.time.Duration;

/**
 * What delivers one endpoint's queue, from its start to its close: a thread of its own ({@link EndpointWorker}) or
 * turns on a shared pool ({@link PooledWorker}). It is told to drain, then to give up, and waited for; {@link
 * Broadcaster} closes every endpoint's at once, step by step.
 */
interface Worker {

    /** Stops taking notifications; delivery goes on until the queue is empty. */
    void beginClose();

    /** Waits until the queue is drained, or the deadline. */
    void awaitDrained(long deadlineNanos);

    /** Makes delivery give up at once: no further attempt, and the one in flight is cancelled. */
    void abandon();

    /**
     * Waits for delivery to end, until the deadline, and frees the transport and the dead letters' files.
     *
     * @param deadlineNanos {@code System.nanoTime()} by which to stop waiting
     * @return how many events were left undelivered
     */
    long finishClose(long deadlineNanos);

    /** An event was queued. */
    void arrived();

    /**
     * Work beside the queue's was asked for (a dead letter's replay, a replay by time, the endpoint enabled): with
     * lanes, any of them may take it, where a queued event wakes only the one that dispatches.
     */
    default void asked() {
        arrived();
    }

    /**
     * Closes this endpoint alone.
     *
     * @param drain how long to wait for the queue to drain
     * @return how many events were left undelivered
     */
    default long close(Duration drain) {
        beginClose();
        awaitDrained(System.nanoTime() + drain.toNanos());
        abandon();
        return finishClose(System.nanoTime() + EndpointState.STOP_GRACE.toNanos());
    }
}
