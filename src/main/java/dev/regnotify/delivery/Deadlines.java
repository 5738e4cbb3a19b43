package dev.regnotify.delivery;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
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
public final class Deadlines implements AutoCloseable {

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

    /** An attempt under watch. */
    final class Watch {
        private final long deadlineNanos;
        private final Runnable expiry;
        private volatile boolean expired;

        private Watch(long deadlineNanos, Runnable expiry) {
            this.deadlineNanos = deadlineNanos;
            this.expiry = expiry;
        }

        /** The attempt ended: its expiry will not run. */
        void done() {
            watched.remove(this);
        }

        /** @return whether the deadline passed and the expiry ran */
        boolean expired() {
            return expired;
        }

        private void expire() {
            if (watched.remove(this)) {
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

    private void watchUntilClosed() {
        while (!closed) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS));
            long now = System.nanoTime();
            for (Watch watch : watched) {
                if (now - watch.deadlineNanos >= 0) {
                    watch.expire();
                }
            }
        }
    }
}
