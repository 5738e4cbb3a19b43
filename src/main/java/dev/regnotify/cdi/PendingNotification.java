package dev.regnotify.cdi;

import dev.regnotify.events.RegistryEvent;

/**
 * The bridge's own event, fired just before the public one. Weld notifies transactional observers after all
 * immediate ones, so an {@code AFTER_SUCCESS} observer of the public event would run after the application's
 * observers, and not at all when one of them throws. Fired first, this one is queued before any application observer
 * runs (at once without a transaction, after commit with one).
 */
record PendingNotification(RegistryEvent event) {
}
