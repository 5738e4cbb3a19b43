package dev.regnotify.delivery;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.regnotify.events.RegistryEvent;

/**
 * A queue in memory, bounded so that a receiver that is down or refuses an event cannot exhaust the heap: when it
 * holds its capacity, {@link #offer} refuses (the endpoint counts the event as dropped). Nothing survives the
 * process.
 *
 * @since 0.1
 */
public final class InMemoryQueue implements NotificationQueue {

    private final LinkedBlockingQueue<RegistryEvent> queue;
    private final AtomicLong unacknowledged = new AtomicLong();
    private volatile boolean closed;

    /** @param capacity how many events it holds at most, polled but unacknowledged ones not counted */
    public InMemoryQueue(int capacity) {
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    /** The count goes up first, so that the endpoint never acknowledges an event not yet counted. */
    @Override
    public boolean offer(RegistryEvent event) {
        if (closed) {
            return false;
        }
        unacknowledged.incrementAndGet();
        boolean taken = false;
        try {
            taken = queue.offer(event);
            return taken;
        } finally {
            if (!taken) {
                unacknowledged.decrementAndGet(); // full, or out of memory: the count must not stay wrong
            }
        }
    }

    @Override
    public RegistryEvent poll(Duration wait) throws InterruptedException {
        return queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public RegistryEvent poll() {
        return queue.poll();
    }

    @Override
    public void acknowledge(int count) {
        unacknowledged.addAndGet(-count);
    }

    @Override
    public long pending() {
        return unacknowledged.get();
    }

    @Override
    public void close() {
        closed = true;
    }
}
