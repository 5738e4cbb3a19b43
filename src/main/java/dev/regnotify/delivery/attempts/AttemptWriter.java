package dev.regnotify.delivery.attempts;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that writes the attempt files of many endpoints (every endpoint of an assembly): each endpoint queues
 * its attempts ({@link AttemptFiles}), and the writer, woken by one of them, lets 10 ms of attempts come, then writes
 * every endpoint's that has some; once a second it forces what it wrote and applies each endpoint's retention. So that
 * thousands of endpoints with a journal have one writing thread, not one each. Recording an attempt never waits for
 * it.
 *
 * @since 0.4
 */
public final class AttemptWriter implements AutoCloseable {

    /**
     * How long the writer, woken by an attempt, lets more come before it writes: one wake-up for the attempts of
     * 10 ms rather than one per attempt, each a thread switch on both sides that cost the writer as much as its write.
     */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long HOUSEKEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    // files with attempts to write, or a close to carry out; each at most once (AttemptFiles#scheduled)
    private final LinkedBlockingQueue<AttemptFiles> ready = new LinkedBlockingQueue<>();
    private final Set<AttemptFiles> open = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;

    /** @param threads where its thread comes from (the application's, or a Jakarta EE server's managed ones) */
    public AttemptWriter(ThreadFactory threads) {
        this.thread = threads.newThread(this::run);
        try {
            thread.setName("regnotify-attempts");
        } catch (SecurityException e) {
            // a managed thread keeps the server's name
        }
        thread.setDaemon(true);
        thread.start();
    }

    void register(AttemptFiles files) {
        open.add(files);
    }

    /** @param files files with attempts to write, or to close: the writer comes to them */
    void ready(AttemptFiles files) {
        ready.offer(files);
    }

    /** @return whether it stopped: files closed then are closed on the caller's thread */
    boolean isClosed() {
        return closed;
    }

    private void run() {
        long lastHousekeep = System.nanoTime();
        try {
            while (!closed) {
                AttemptFiles first = ready.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    if (!first.closing()) {
                        LockSupport.parkNanos(this, GATHER_NANOS); // close() unparks
                    }
                    serve(first);
                    for (AttemptFiles next; (next = ready.poll()) != null; ) {
                        serve(next);
                    }
                }
                if (System.nanoTime() - lastHousekeep >= HOUSEKEEP_NANOS) {
                    lastHousekeep = System.nanoTime();
                    open.forEach(AttemptFiles::housekeep);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // files still open when the writer stops (their endpoints were not closed first): written and closed
            for (AttemptFiles files : open) {
                serve(files);
                files.finish();
            }
        }
    }

    private void serve(AttemptFiles files) {
        files.writeQueued();
        if (files.closing()) {
            files.finish();
            open.remove(files);
        }
    }

    /** Writes what every endpoint queued and stops; waits for its thread at most 5 seconds. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "AttemptWriter[" + open.size() + " endpoints]";
    }
}
