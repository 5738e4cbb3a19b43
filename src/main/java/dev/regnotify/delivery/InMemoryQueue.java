package dev.regnotify.delivery;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.regnotify.wire.Notification;

/**
 * An unbounded queue in memory, as distribution's: nothing is dropped, and nothing survives the process.
 *
 * @since 0.1
 */
public final class InMemoryQueue implements NotificationQueue {

    private final LinkedBlockingQueue<Notification> queue = new LinkedBlockingQueue<>();
    private final AtomicLong unacknowledged = new AtomicLong();
    private volatile boolean closed;

    @Override
    public boolean offer(Notification notification) {
        if (closed) {
            return false;
        }
        unacknowledged.incrementAndGet();
        queue.add(notification);
        return true;
    }

    @Override
    public Notification poll(Duration wait) throws InterruptedException {
        return queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Notification poll() {
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
