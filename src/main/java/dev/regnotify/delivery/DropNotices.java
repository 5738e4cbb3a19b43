package dev.regnotify.delivery;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import dev.regnotify.delivery.events.NotificationsDropped;

/**
 * Counts an endpoint's dropped events on the producers' threads (one atomic add) and tells the endpoint's
 * {@link DeliveryListener} about them from the endpoint's own threads, at most once a second, with the count since
 * the last report, so that a flood of drops does not become a flood of events.
 */
final class DropNotices {

    private static final long EVERY_NANOS = 1_000_000_000L;

    private final String endpoint;
    private final DeliveryListener listener;
    private final Clock clock;
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong nextReport = new AtomicLong(Long.MIN_VALUE);

    DropNotices(String endpoint, DeliveryListener listener, Clock clock) {
        this.endpoint = endpoint;
        this.listener = listener;
        this.clock = clock;
    }

    void dropped(long count) {
        unreported.addAndGet(count);
    }

    /** Reports what was dropped since the last report, if a report is due. */
    void report() {
        if (unreported.get() == 0) {
            return;
        }
        long now = System.nanoTime();
        long due = nextReport.get();
        if ((due == Long.MIN_VALUE || now - due >= 0) && nextReport.compareAndSet(due, now + EVERY_NANOS)) {
            long count = unreported.getAndSet(0);
            if (count > 0) {
                listener.on(new NotificationsDropped(endpoint, count, clock.instant()));
            }
        }
    }
}
