package dev.regnotify.cdi;

import dev.regnotify.events.RegistryEvent;

/**
 * The bridge's own event, fired just before the public one. Weld notifies transactional observers after all
 * immediate ones, so an {@code AFTER_SUCCESS} observer of the public event would run after the application's
 * observers, and not at all when one of them throws. Fired first, this one is queued before any application observer
 * of registry events runs (at once without a transaction, after commit with one).
 *
 * <p>An application observer of {@code Object} sees this event too, before the bridge; if it throws, the bridge is
 * not notified, and {@link #taken()} tells the emitter to queue the notification itself. Fired and read on one
 * thread.
 */
final class PendingNotification {

    private final RegistryEvent event;
    private boolean taken;

    PendingNotification(RegistryEvent event) {
        this.event = event;
    }

    RegistryEvent event() {
        return event;
    }

    /** The bridge has it (or will, after the transaction). */
    void take() {
        taken = true;
    }

    boolean taken() {
        return taken;
    }

    @Override
    public String toString() {
        return "PendingNotification[" + event.getClass().getSimpleName() + " " + event.id() + "]";
    }
}
