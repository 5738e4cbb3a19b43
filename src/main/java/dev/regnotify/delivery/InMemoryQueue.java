package dev.regnotify.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    private final EventRing queue;
    private final AtomicLong unacknowledged = new AtomicLong();
    // polled and not yet acknowledged, oldest first: what a hand-over gives the next queue before the rest
    private final ArrayDeque<RegistryEvent> taken = new ArrayDeque<>();
    // offers under way: a hand-over waits for them, so that none lands here after it
    private final AtomicInteger offering = new AtomicInteger();
    // what a hand-over gave this queue, polled before the rest
    private final ArrayDeque<RegistryEvent> head = new ArrayDeque<>();
    private volatile boolean hasHead;
    private volatile InMemoryQueue successor;
    private volatile boolean handingOver;
    private volatile boolean closed;

    /** @param capacity how many events it holds at most, polled but unacknowledged ones not counted */
    public InMemoryQueue(int capacity) {
        this.queue = new EventRing(capacity);
    }

    /** The count goes up first, so that the endpoint never acknowledges an event not yet counted. */
    @Override
    public boolean offer(RegistryEvent event) {
        offering.incrementAndGet();
        try {
            InMemoryQueue next = successor;
            if (next != null) {
                return next.offer(event);
            }
            if (closed && !handingOver) {
                return false;
            }
            unacknowledged.incrementAndGet();
            boolean accepted = false;
            try {
                accepted = queue.offer(event);
                return accepted;
            } finally {
                if (!accepted) {
                    unacknowledged.decrementAndGet(); // full, or out of memory: the count must not stay wrong
                }
            }
        } finally {
            offering.decrementAndGet();
        }
    }

    @Override
    public RegistryEvent poll(Duration wait) throws InterruptedException {
        RegistryEvent first = fromHead();
        return took(first != null ? first : queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public RegistryEvent poll() {
        RegistryEvent first = fromHead();
        return took(first != null ? first : queue.poll());
    }

    private RegistryEvent fromHead() {
        if (!hasHead) {
            return null;
        }
        synchronized (head) {
            RegistryEvent first = head.poll();
            hasHead = !head.isEmpty();
            return first;
        }
    }

    private RegistryEvent took(RegistryEvent event) {
        if (event != null) {
            synchronized (taken) {
                taken.add(event);
            }
        }
        return event;
    }

    @Override
    public void acknowledge(int count) {
        synchronized (taken) {
            for (int i = 0; i < count && !taken.isEmpty(); i++) {
                taken.poll();
            }
        }
        unacknowledged.addAndGet(-count);
    }

    @Override
    public long pending() {
        return unacknowledged.get();
    }

    /**
     * Keeps taking offers after {@link #close()}, until {@link #handOver}: call it before the endpoint that polls this
     * queue is closed, so that nothing offered meanwhile is refused.
     *
     * @since 0.4
     */
    public void keepForHandOver() {
        handingOver = true;
    }

    /**
     * Gives every event not yet acknowledged to a new queue, in order: those polled (an envelope in flight, which may
     * then be sent twice) before those still waiting; and sends it every later offer. For an endpoint replaced by
     * another with a new configuration: call it once the old endpoint is closed.
     *
     * @param capacity the new queue's capacity, for the events offered after; it takes every event handed over
     * @return the new queue
     * @since 0.4
     */
    public InMemoryQueue handOver(int capacity) {
        InMemoryQueue next = new InMemoryQueue(capacity);
        synchronized (this) {
            if (successor != null) {
                throw new IllegalStateException("this queue was handed over already");
            }
            // handingOver stays set: an offer that read no successor yet must still be taken here, before the drain
            successor = next;
        }
        while (offering.get() > 0) {
            Thread.onSpinWait(); // an offer that began before the successor was set ends here, without waiting
        }
        closed = true;
        List<RegistryEvent> events = new ArrayList<>();
        synchronized (taken) {
            events.addAll(taken);
            taken.clear();
        }
        synchronized (head) {
            events.addAll(head);
            head.clear();
            hasHead = false;
        }
        queue.drainTo(events);
        // the new queue is not polled yet: what is offered meanwhile waits behind these
        synchronized (next.head) {
            next.head.addAll(events);
            next.hasHead = !events.isEmpty();
        }
        next.unacknowledged.addAndGet(events.size());
        return next;
    }

    @Override
    public void close() {
        closed = true;
    }
}
