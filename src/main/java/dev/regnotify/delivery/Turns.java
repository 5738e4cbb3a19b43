package dev.regnotify.delivery;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * When one endpoint's job runs on a {@link DeliveryPool}: one turn at a time, as soon as it is woken, or once the wait
 * it asked for is over. A wake during a turn is not lost: the job gets another turn after it. The job's answer says
 * what comes next: {@link #AGAIN} (another turn, behind the other endpoints' waiting ones: a busy endpoint does not
 * keep a thread from them), {@link #IDLE} (until woken, or {@link #IDLE_TURN} at the latest), {@link #FINISHED}
 * (never again), or how many nanoseconds to wait.
 *
 * <p>Thread-safe: producers and operators wake it, the pool's threads run it.
 */
final class Turns {

    /** Run again at once, behind the others. */
    static final long AGAIN = 0;
    /** Nothing to do until woken. */
    static final long IDLE = -1;
    /** Never run again. */
    static final long FINISHED = -2;
    /** How long an idle job waits at most: it looks for what nobody woke it for (drops to report, say). */
    static final long IDLE_TURN = 1_000_000_000L;

    private static final int RESTING = 0;
    private static final int QUEUED = 1;
    private static final int RUNNING = 2;
    private static final int RUNNING_WOKEN = 3;

    private final DeliveryPool pool;
    private final LongSupplier job;
    private final AtomicInteger phase = new AtomicInteger(RESTING);
    private final Runnable turn = this::turn;
    private final Runnable wake = this::wake;
    // set by the job's turn only: it waits for a time with work in hand, so new events need not wake it
    private volatile boolean waitingForTime;
    private volatile boolean finished;
    // the timer of the wait asked for; touched by turns only, which never overlap
    private Future<?> timer;

    /**
     * @param pool where its turns run
     * @param job one turn: its answer says what comes next
     */
    Turns(DeliveryPool pool, LongSupplier job) {
        this.pool = pool;
        this.job = job;
    }

    /** Gives the job a turn as soon as a thread is free, or another one after the turn it is having. */
    void wake() {
        while (!finished) {
            int now = phase.get();
            if (now == QUEUED) {
                pool.makeOwedThread(); // the turn may be queued in a pool that could not make a thread for it
                return;
            }
            if (now == RUNNING_WOKEN) {
                return;
            }
            if (phase.compareAndSet(now, now == RESTING ? QUEUED : RUNNING_WOKEN)) {
                if (now == RESTING) {
                    pool.run(turn);
                }
                return;
            }
        }
    }

    /** New work came: wakes the job unless it waits for a time with work in hand anyway (it finds it then). */
    void arrived() {
        if (!waitingForTime) {
            wake();
        }
    }

    private void turn() {
        if (finished) {
            phase.set(RESTING);
            return;
        }
        phase.set(RUNNING);
        waitingForTime = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        long next = FINISHED;
        try {
            next = job.getAsLong();
        } finally {
            after(next);
            if (!phase.compareAndSet(RUNNING, RESTING) && !finished) {
                phase.set(QUEUED);
                pool.run(turn);
            }
        }
    }

    private void after(long next) {
        if (next == FINISHED) {
            finished = true;
        } else if (next == AGAIN) {
            wake();
        } else {
            waitingForTime = next > 0;
            timer = pool.runAfter(wake, next > 0 ? next : IDLE_TURN);
        }
    }
}
