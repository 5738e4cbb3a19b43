package dev.regnotify.subscriptions;

import java.time.Instant;

/**
 * Something that happened to a subscription, for observers (in CDI, {@code @Observes} or {@code @ObservesAsync}).
 * Carries no secret.
 *
 * @since 0.4
 */
public sealed interface SubscriptionEvent permits SubscriptionCreated, SubscriptionDeleted, SubscriptionDisabled {

    /** @return the subscription's name */
    String name();

    /** @return its owner */
    String owner();

    /** @return when it happened */
    Instant time();
}
