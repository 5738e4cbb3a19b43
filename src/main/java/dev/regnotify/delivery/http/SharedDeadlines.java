package dev.regnotify.delivery.http;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/**
 * The watchdogs of endpoints and sinks made without one ({@link Endpoint#start} without {@link Deadlines}, the public
 * {@link HttpSink} constructor): one per thread factory, so that a thousand endpoints made with one factory have one
 * watchdog, whose thread is that factory's; it ends when the last endpoint or sink using it is closed, and a later one
 * starts another. Counted rather than kept for the JVM's life: a watchdog nobody closes is the thread that outlived
 * redeployments. Sinks made without a factory share one whose thread is a daemon of the library's.
 */
final class SharedDeadlines {

    /** The factory of a sink made alone: a daemon thread, as the library's threads in Weld SE are. */
    static final ThreadFactory LIBRARY_THREADS = task -> {
        Thread thread = new Thread(task, Deadlines.THREAD_NAME);
        thread.setDaemon(true);
        return thread;
    };

    /** A watchdog and how many endpoints or sinks use it. */
    private static final class Shared {
        final Deadlines deadlines;
        int users;

        Shared(ThreadFactory threads) {
            this.deadlines = new Deadlines(threads);
        }
    }

    // by identity: a factory is one source of threads, whatever its equals says; guarded by itself
    private static final Map<ThreadFactory, Shared> SHARED = new IdentityHashMap<>();

    private SharedDeadlines() {
    }

    /** @return the watchdog of this factory's threads, counted as used until {@link #release} */
    static Deadlines acquire(ThreadFactory threads) {
        synchronized (SHARED) {
            Shared shared = SHARED.computeIfAbsent(threads, Shared::new);
            shared.users++;
            return shared.deadlines;
        }
    }

    /** One user of this factory's watchdog is closed; the last one closes the watchdog. */
    static void release(ThreadFactory threads) {
        Deadlines last;
        synchronized (SHARED) {
            Shared shared = SHARED.get(threads);
            if (shared == null || --shared.users > 0) {
                return;
            }
            SHARED.remove(threads);
            last = shared.deadlines;
        }
        last.close(); // outside the lock: it waits a little for the thread
    }
}
