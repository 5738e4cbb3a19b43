package dev.regnotify.delivery.http;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Deadlines of the HTTP attempts in flight, kept by one watchdog thread, which looks at them every
 * {@value #WATCH_MILLIS} ms and cancels those past due. A timer task per attempt would wake its thread at every
 * attempt (each new task is the earliest): a thread switch per event, measured at a tenth of the one-event-per-POST
 * throughput. The watchdog costs nothing per attempt but a set insertion and removal.
 *
 * <p>The watchdog belongs to whoever owns the endpoints, and one serves them all: its thread comes from the given
 * factory (a Jakarta EE server's managed one, where the application runs in a server), starts at the first attempt
 * and ends on {@link #close()}, so that no thread outlives the application (a thread left behind keeps a redeployed
 * application's class loader, and {@code mvn exec:java} waits for it at exit). Close it once its endpoints are
 * closed: attempts still in flight then are bounded by the connection's own timeouts alone.
 *
 * @since 0.2
 */
// not final for one release: dev.regnotify.delivery.Deadlines, deprecated, extends it
public class Deadlines implements AutoCloseable {

    static final long WATCH_MILLIS = 25;
    static final String THREAD_NAME = "regnotify-deadlines";

    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final ThreadFactory threads;
    // read on every attempt, so that the lock is taken only to start or stop the thread
    private volatile boolean started;
    private volatile boolean closed;
    private Thread watchdog;

    /** @param threads where the watchdog's thread comes from */
    public Deadlines(ThreadFactory threads) {
        this.threads = Objects.requireNonNull(threads, "threads: where the watchdog's thread comes from");
    }

    /**
     * An attempt under watch. Ending it and expiring it race (the attempt's thread against the watchdog): one atomic
     * state decides, so that exactly one wins and the attempt knows which. Were the attempt told it ended in time
     * while its expiry still ran, the expiry would close a connection given back for the next attempt.
     */
    final class Watch {
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
            watched.remove(this);
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
                watched.remove(this);
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
    Watch watch(long deadlineNanos, Runnable expiry) {
        Watch watch = new Watch(deadlineNanos, expiry);
        watched.add(watch);
        if (!started) {
            start();
        }
        return watch;
    }

    private synchronized void start() {
        if (started || closed) {
            return;
        }
        Thread thread = threads.newThread(this::watchUntilClosed);
        try {
            thread.setName(THREAD_NAME);
        } catch (SecurityException e) {
            // a managed thread keeps the server's name
        }
        thread.start();
        watchdog = thread;
        started = true;
    }

    /** Ends the watchdog's thread, and waits a little for it: it is woken at once, and has nothing to finish. */
    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            thread = watchdog;
        }
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An expiry that fails must not end the watchdog: every later attempt would then go unwatched. */
    private static void expireQuietly(Watch watch) {
        try {
            watch.expire();
        } catch (RuntimeException e) {
            System.getLogger("dev.regnotify.delivery").log(System.Logger.Level.ERROR, "RN-318 cancelling an attempt "
                    + "past its deadline failed", e);
        }
    }

    private void watchUntilClosed() {
        while (!closed) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS));
            long now = System.nanoTime();
            for (Watch watch : watched) {
                if (now - watch.deadlineNanos >= 0) {
                    expireQuietly(watch);
                }
            }
        }
    }
}
