package dev.regnotify.subscriptions;

import java.time.Instant;

/**
 * A subscription was deleted: its endpoint stopped, and what it had queued, its position and its dead letters are gone.
 *
 * @param name its name
 * @param owner its owner
 * @param time when
 * @since 0.4
 */
public record SubscriptionDeleted(String name, String owner, Instant time) implements SubscriptionEvent {
}
