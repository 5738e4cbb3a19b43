package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.regnotify.delivery.deadletter.DeadLetterDesk;

/**
 * The end of one endpoint's delivery, whichever {@link Worker} runs it: the steps of its close that do not depend on
 * how it runs (stop taking events, give up), told once when its loop ended, waited for by the closing thread, which
 * then frees what the delivery used (the transport, the dead letters' and attempts' files).
 */
final class WorkerEnd {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private final CountDownLatch ended = new CountDownLatch(1);
    private final EndpointState state;
    private final NotificationQueue queue;
    private final Sink transport;
    private final DeadLetterDesk deadLetters;

    WorkerEnd(EndpointState state, NotificationQueue queue, Sink transport, DeadLetterDesk deadLetters) {
        this.state = state;
        this.queue = queue;
        this.transport = transport;
        this.deadLetters = deadLetters;
    }

    /** Stops taking notifications; the worker's delivery goes on until the queue is empty. */
    void beginClose() {
        state.beginDraining();
        queue.close();
    }

    /**
     * Makes delivery give up at once, unless it ended: no further attempt, the one in flight cancelled.
     *
     * @param wake makes the worker see it now (interrupts its thread, or gives its turns one)
     */
    void abandon(Runnable wake) {
        if (!hasEnded()) {
            state.stop().abandon();
            transport.abort();
            wake.run();
        }
    }

    /** The delivery loop ended. */
    void ended() {
        ended.countDown();
    }

    boolean hasEnded() {
        return ended.getCount() == 0;
    }

    /** Waits until the delivery ended, or the deadline. */
    void await(long deadlineNanos) {
        try {
            ended.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for the delivery to end, until the deadline, says if it did not, and frees what it used.
     *
     * @param what what did not stop, for the log ({@code its thread})
     * @return how many events were left undelivered
     */
    long finish(long deadlineNanos, String what) {
        await(deadlineNanos);
        if (!hasEnded()) {
            LOG.log(Level.WARNING, "RN-308 endpoint {0}: {1} did not stop within {2} ms of being abandoned",
                    state.name(), what, Long.toString(EndpointState.STOP_GRACE.toMillis()));
        }
        state.timeReplays().close();
        transport.close();
        deadLetters.store().close();
        state.attempts().close();
        return queue.pending();
    }
}
