package dev.regnotify.subscriptions;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The one thread of the subscriptions: once a second it lets previous secrets whose overlap ended stop signing, and,
 * when the store is shared with other instances, reads it again every few seconds to apply what they changed. Owns
 * nothing but its schedule; the work is {@link Subscriptions}'.
 */
final class SecretExpiry implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.subscriptions");

    private final ScheduledThreadPoolExecutor thread;

    SecretExpiry(ThreadFactory threads, Runnable pass) {
        thread = new ScheduledThreadPoolExecutor(1, threads);
        thread.scheduleWithFixedDelay(() -> {
            try {
                pass.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "RN-705 expired secrets could not be let go; tried again in a "
                        + "second", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Also reads the store again, every {@code interval}. */
    void reloading(java.time.Duration interval, Runnable reload) {
        thread.scheduleWithFixedDelay(() -> {
            try {
                reload.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "RN-709 the subscriptions' store could not be read again; tried "
                        + "again at the next interval", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
