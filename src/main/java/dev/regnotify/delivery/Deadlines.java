package dev.regnotify.delivery;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Deadlines of attempts in flight, kept by one watchdog thread for the whole library, which looks at them every
 * {@value #WATCH_MILLIS} ms and runs the expiry of those past due. A timer task per attempt would wake its thread at
 * every attempt (each new task is the earliest): a thread switch per event, measured at a tenth of the
 * one-event-per-POST throughput. The watchdog costs nothing per attempt but a set insertion and removal.
 */
final class Deadlines {

    static final long WATCH_MILLIS = 25;
    private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();

    static {
        Thread watchdog = new Thread(Deadlines::watch, "regnotify-deadlines");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private Deadlines() {
    }

    /**
     * An attempt under watch. Ending it and expiring it race (the attempt's thread against the watchdog): one atomic
     * state decides, so that exactly one wins and the attempt knows which. Were the attempt told it ended in time
     * while its expiry still ran, the expiry would close a connection given back for the next attempt.
     */
    static final class Watch {
        private static final int WATCHING = 0;
        private static final int DONE = 1;
        private static final int EXPIRED = 2;

        private final long deadlineNanos;
        private final Runnable expiry;
        private final AtomicInteger state = new AtomicInteger(WATCHING);

        private Watch(long deadlineNanos, Runnable expiry) {
            this.deadlineNanos = deadlineNanos;
            this.expiry = expiry;
        }

        /** The attempt ended: its expiry will not run, unless the watchdog took the watch first ({@link #expired}). */
        void done() {
            state.compareAndSet(WATCHING, DONE);
            WATCHED.remove(this);
        }

        /**
         * @return whether the watchdog took the watch before it was done: its expiry runs or ran, so whatever the
         *         attempt held is being closed; once {@link #done} returned, the answer no longer changes
         */
        boolean expired() {
            return state.get() == EXPIRED;
        }

        private void expire() {
            expire(() -> { });
        }

        /** @param claimed run once the watchdog has taken the watch to expire it, before the expiry: a test's pause */
        void expire(Runnable claimed) {
            if (state.compareAndSet(WATCHING, EXPIRED)) {
                WATCHED.remove(this);
                claimed.run();
                expiry.run();
            }
        }
    }

    /**
     * @param deadlineNanos {@code System.nanoTime()} by which the attempt must be done
     * @param expiry what cancels the attempt, run on the watchdog's thread
     * @return the watch, to be {@linkplain Watch#done() done} when the attempt ends
     */
    static Watch watch(long deadlineNanos, Runnable expiry) {
        Watch watch = new Watch(deadlineNanos, expiry);
        WATCHED.add(watch);
        return watch;
    }

    private static void watch() {
        while (true) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS));
            long now = System.nanoTime();
            for (Watch watch : WATCHED) {
                if (now - watch.deadlineNanos >= 0) {
                    watch.expire();
                }
            }
        }
    }
}
