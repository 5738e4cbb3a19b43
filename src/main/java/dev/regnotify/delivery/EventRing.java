package dev.regnotify.delivery;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.regnotify.events.RegistryEvent;

/**
 * A bounded first-in first-out queue of events in an array that grows as it fills (and shrinks as it empties), for
 * {@link InMemoryQueue}: a slot costs 4 to 8 bytes where a {@code LinkedBlockingQueue} node cost 24 per event
 * (a fifteenth of an event's heap), and an array sized to the capacity up front would cost the whole capacity for every
 * endpoint, however little it holds. Producers offer from any thread; one lock guards it, and a poll waits on its
 * condition only while the ring is empty.
 */
final class EventRing {

    // lengths are powers of two, so that a slot's index is a mask rather than a division
    private static final int SMALLEST = 16;

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private RegistryEvent[] slots = new RegistryEvent[SMALLEST];
    private int head;
    private int size;
    private int waiting;

    /** @param capacity how many events it holds at most */
    EventRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity is " + capacity + ", not 1 or more");
        }
        this.capacity = capacity;
    }

    /** @return false if it holds its capacity already */
    boolean offer(RegistryEvent event) {
        lock.lock();
        try {
            if (size == capacity) {
                return false;
            }
            if (size == slots.length) {
                resize(slots.length * 2);
            }
            slots[(head + size) & (slots.length - 1)] = event;
            size++;
            if (waiting > 0) {
                notEmpty.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** @return the oldest event, or null if none is there */
    RegistryEvent poll() {
        lock.lock();
        try {
            return size == 0 ? null : take();
        } finally {
            lock.unlock();
        }
    }

    /** @return the oldest event, waiting up to the time given for one, or null if none came */
    RegistryEvent poll(long wait, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(wait);
        lock.lockInterruptibly();
        try {
            while (size == 0) {
                if (nanos <= 0) {
                    return null;
                }
                waiting++;
                try {
                    nanos = notEmpty.awaitNanos(nanos);
                } finally {
                    waiting--;
                }
            }
            return take();
        } finally {
            lock.unlock();
        }
    }

    /** Moves every event to the collection, oldest first. */
    void drainTo(Collection<? super RegistryEvent> into) {
        lock.lock();
        try {
            while (size > 0) {
                into.add(take());
            }
        } finally {
            lock.unlock();
        }
    }

    private RegistryEvent take() {
        RegistryEvent event = slots[head];
        slots[head] = null;
        head = (head + 1) & (slots.length - 1);
        size--;
        // a burst's array is let go as the ring drains: a quarter full, it halves
        if (slots.length > SMALLEST && size < slots.length / 4) {
            resize(slots.length / 2);
        }
        return event;
    }

    private void resize(int length) {
        RegistryEvent[] resized = new RegistryEvent[length];
        for (int i = 0; i < size; i++) {
            resized[i] = slots[(head + i) & (slots.length - 1)];
        }
        slots = resized;
        head = 0;
    }
}
