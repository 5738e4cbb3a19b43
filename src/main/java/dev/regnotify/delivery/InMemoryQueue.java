package dev.regnotify.delivery;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.regnotify.events.RegistryEvent;

/**
 * An unbounded queue in memory, as distribution's: nothing is dropped, and nothing survives the process.
 *
 * @since 0.1
 */
public final class InMemoryQueue implements NotificationQueue {

    private final LinkedBlockingQueue<RegistryEvent> queue = new LinkedBlockingQueue<>();
    private final AtomicLong unacknowledged = new AtomicLong();
    private volatile boolean closed;

    @Override
    public boolean offer(RegistryEvent event) {
        if (closed) {
            return false;
        }
        unacknowledged.incrementAndGet();
        queue.add(event);
        return true;
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
