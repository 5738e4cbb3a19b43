package dev.regnotify.delivery;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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

    /** An attempt under watch. */
    static final class Watch {
        private final long deadlineNanos;
        private final Runnable expiry;
        private volatile boolean expired;

        private Watch(long deadlineNanos, Runnable expiry) {
            this.deadlineNanos = deadlineNanos;
            this.expiry = expiry;
        }

        /** The attempt ended: its expiry will not run. */
        void done() {
            WATCHED.remove(this);
        }

        /** @return whether the deadline passed and the expiry ran */
        boolean expired() {
            return expired;
        }

        private void expire() {
            if (WATCHED.remove(this)) {
                expired = true;
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
