package dev.regnotify.subscriptions;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The one thread of the subscriptions, made only once there is work for it: once a second it lets previous secrets
 * whose overlap ended stop signing, and, when the store is shared with other instances, it reads it again every few
 * seconds to apply what they changed. Owns nothing but its schedule; the work is {@link Subscriptions}'. Its methods
 * are called under the {@link Subscriptions} lock.
 */
final class SecretExpiry implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.subscriptions");

    private final ThreadFactory threads;
    private final Runnable pass;
    private ScheduledThreadPoolExecutor thread;
    private boolean expiring;
    private boolean closed;

    SecretExpiry(ThreadFactory threads, Runnable pass) {
        this.threads = threads;
        this.pass = pass;
    }

    /** Starts ending overlaps once a second, if it does not already. */
    void expiring() {
        if (!expiring && !closed) {
            expiring = true;
            schedule(Duration.ofSeconds(1), pass, "RN-705 expired secrets could not be let go; tried again in a "
                    + "second");
        }
    }

    /** Also reads the store again, every {@code interval}. */
    void reloading(Duration interval, Runnable reload) {
        if (!closed) {
            schedule(interval, reload, "RN-709 the subscriptions' store could not be read again; tried again at the "
                    + "next interval");
        }
    }

    private void schedule(Duration every, Runnable work, String failure) {
        if (thread == null) {
            thread = new ScheduledThreadPoolExecutor(1, threads);
        }
        thread.scheduleWithFixedDelay(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, failure, e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the schedule without waiting for a pass under way: it is called under the {@link Subscriptions} lock,
     * which such a pass may be waiting for (waiting for it would hold the close for the whole wait); the pass then
     * finds the subscriptions closed and does nothing.
     */
    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
