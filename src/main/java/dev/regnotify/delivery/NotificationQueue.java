package dev.regnotify.delivery;

import java.time.Duration;

import dev.regnotify.wire.Notification;

/**
 * An endpoint's queue. Producers {@link #offer} from the registry operation's thread, without blocking; the
 * endpoint's one delivery thread polls, and acknowledges what was delivered, in order. A durable queue persists
 * its position on {@link #acknowledge}; the in-memory one only counts.
 *
 * @since 0.1
 */
public interface NotificationQueue extends AutoCloseable {

    /**
     * @param notification the next notification
     * @return whether it was accepted; false means dropped (the queue is full or closed)
     */
    boolean offer(Notification notification);

    /**
     * @param wait how long to wait for one
     * @return the next notification not yet polled, or null if none arrived in time
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    Notification poll(Duration wait) throws InterruptedException;

    /** @return the next notification not yet polled, or null if none is waiting */
    Notification poll();

    /** @param count how many polled notifications, the oldest first, were delivered */
    void acknowledge(int count);

    /** @return notifications offered and not yet acknowledged */
    long pending();

    @Override
    void close();
}
