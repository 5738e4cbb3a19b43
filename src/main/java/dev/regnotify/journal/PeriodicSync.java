package dev.regnotify.journal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * The journal's periodic sync: a thread that runs a sync every interval until stopped. An unexpected failure is
 * logged, and the sync runs again at the next interval.
 */
final class PeriodicSync {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.journal");
    /** The longest {@link #stop} waits for a sync in progress (one that moves a lagging endpoint writes letters). */
    static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /** One sync. */
    interface Sync {
        void run() throws Exception;
    }

    // set by wake(), so that a wake while the sync runs is not lost
    private volatile boolean woken;
    private final Object wakeUp = new Object();
    private final long pauseMillis;
    private final Sync sync;
    private volatile boolean stopped;
    private final Thread thread;

    PeriodicSync(Duration interval, Sync sync, ThreadFactory threads) {
        this.pauseMillis = Math.max(1, interval.toMillis());
        this.sync = sync;
        this.thread = threads.newThread(this::loop);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (!stopped) {
            try {
                synchronized (wakeUp) {
                    if (!woken) {
                        wakeUp.wait(pauseMillis);
                    }
                    woken = false;
                }
                if (!stopped) {
                    sync.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.log(Level.ERROR, "RN-325 the journal's periodic sync failed; it runs again at the next "
                        + "interval", e);
            }
        }
    }

    /** Runs the sync now rather than at the next interval; a wake while it runs makes it run once more. */
    void wake() {
        if (!woken) {
            synchronized (wakeUp) {
                woken = true;
                wakeUp.notifyAll();
            }
        }
    }

    /**
     * Stops the thread and waits (at most {@link #STOP_WAIT}) for a sync it is running to end, so that none runs on
     * files being closed.
     */
    void stop() {
        stopped = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
