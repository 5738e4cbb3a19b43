package dev.regnotify.subscriptions;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The one thread of the subscriptions: once a second it lets previous secrets whose overlap ended stop signing. Owns
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
