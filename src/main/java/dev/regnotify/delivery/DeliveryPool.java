package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.regnotify.config.RegnotifyConfig;

/**
 * The threads that deliver for many endpoints: at most {@link #size()} of them, made by one thread factory as they are
 * first needed, shared by every endpoint started on the pool. An endpoint runs on one of them while it has an envelope
 * to send and gives it back whenever it would wait (a retry's delay, a receiver's {@code Retry-After}, its
 * {@code ratelimit}, an empty queue): a wait is a time after which it is run again, not a thread asleep. A send itself
 * holds its thread, at most the endpoint's {@code timeout}: a receiver that hangs holds one thread, never the others'.
 *
 * <p>Closed by its owner after every endpoint started on it is closed.
 *
 * @since 0.4
 */
public final class DeliveryPool implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");
    // RN-348 at most once in this long
    private static final long UNMADE_EVERY_NANOS = 10_000_000_000L;

    private final ScheduledThreadPoolExecutor threads;
    private final int size;
    // System.nanoTime() when RN-348 was last said, 0 before
    private final AtomicLong lastUnmade = new AtomicLong();
    // a thread could not be made: a turn queued then may have none to run on (the pool had none), so a later wake
    // makes one
    private volatile boolean owesThread;

    /**
     * @param size how many threads at most, from 1 to {@link RegnotifyConfig#MAX_DELIVERY_THREADS}
     * @param factory where they come from (a Jakarta EE server's managed factory, say)
     * @throws IllegalArgumentException if the size is out of bounds
     */
    public DeliveryPool(int size, ThreadFactory factory) {
        if (size < 1 || size > RegnotifyConfig.MAX_DELIVERY_THREADS) {
            throw new IllegalArgumentException("a delivery pool has from 1 to " + RegnotifyConfig.MAX_DELIVERY_THREADS
                    + " threads, not " + size);
        }
        this.size = size;
        this.threads = new ScheduledThreadPoolExecutor(size, named(factory));
        threads.setRemoveOnCancelPolicy(true);
        threads.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    private static ThreadFactory named(ThreadFactory factory) {
        AtomicInteger made = new AtomicInteger();
        return task -> {
            Thread thread = factory.newThread(task);
            try {
                thread.setName("regnotify-delivery-pool-" + made.incrementAndGet());
            } catch (SecurityException e) {
                // a managed thread keeps the server's name
            }
            return thread;
        };
    }

    /** @return how many threads it has at most */
    public int size() {
        return size;
    }

    /** @return the most threads it had at once so far */
    public int largestThreads() {
        return threads.getLargestPoolSize();
    }

    /**
     * Runs a job's turn as soon as a thread is free; nothing once the pool is closed. A thread that cannot be made
     * (the machine is out of threads) is said and got past: the turn is queued already, and runs on a thread there
     * is, or on one made for a later turn.
     */
    void run(Runnable turn) {
        try {
            threads.execute(turn);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "RN-308 the delivery pool is closed: a turn was not run");
        } catch (RuntimeException | OutOfMemoryError e) {
            unmade(e);
        }
    }

    /**
     * Makes a thread that could not be made before, if one is owed: a wake that finds its turn queued calls it, since
     * the turn may wait in a pool that has no thread at all.
     */
    void makeOwedThread() {
        if (!owesThread) {
            return;
        }
        owesThread = false;
        try {
            threads.prestartCoreThread();
        } catch (RuntimeException | OutOfMemoryError e) {
            unmade(e);
        }
    }

    private void unmade(Throwable e) {
        owesThread = true;
        long now = System.nanoTime();
        long last = lastUnmade.get();
        if (last == 0 || now - last > UNMADE_EVERY_NANOS) {
            if (lastUnmade.compareAndSet(last, now == 0 ? 1 : now)) {
                LOG.log(Level.WARNING, "RN-348 a delivery thread could not be made (" + e + "); the endpoints take "
                        + "turns on the " + threads.getPoolSize() + " there are");
            }
        }
    }

    /**
     * @param turn what to run
     * @param nanos after how long
     * @return how to cancel it, or null once the pool is closed
     */
    Future<?> runAfter(Runnable turn, long nanos) {
        try {
            return threads.schedule(turn, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "RN-308 the delivery pool is closed: a turn was not scheduled");
            return null;
        } catch (RuntimeException | OutOfMemoryError e) {
            unmade(e);
            return null;
        }
    }

    /** Ends its threads, waiting for them up to a second: its endpoints are closed already. */
    @Override
    public void close() {
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(EndpointState.STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "RN-308 a delivery thread did not stop within {0} ms of its pool's close",
                        Long.toString(EndpointState.STOP_GRACE.toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "DeliveryPool[" + size + " threads]";
    }
}
