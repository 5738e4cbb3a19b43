package dev.regnotify.subscriptions;

import java.time.Instant;

/**
 * A subscription's endpoint stopped delivering until an operator enables it again: its receiver answered 410 Gone, or
 * an operator disabled it. Its events wait in its queue.
 *
 * @param name its name
 * @param owner its owner
 * @param reason why
 * @param time when
 * @since 0.4
 */
public record SubscriptionDisabled(String name, String owner, String reason, Instant time)
        implements SubscriptionEvent {
}
