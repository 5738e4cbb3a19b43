package dev.regnotify.subscriptions;

import java.time.Instant;

/**
 * A subscription was created: its endpoint gets the events produced from now on.
 *
 * @param name its name
 * @param owner its owner
 * @param url its URL, redacted (scheme, host and port)
 * @param time when
 * @since 0.4
 */
public record SubscriptionCreated(String name, String owner, String url, Instant time) implements SubscriptionEvent {
}
