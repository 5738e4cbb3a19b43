package dev.regnotify.subscriptions;

/**
 * Told what happens to subscriptions. Called on the thread of the change (or of the endpoint, for
 * {@link SubscriptionDisabled}): it must not block, and what it throws is logged and ignored.
 *
 * @since 0.4
 */
@FunctionalInterface
public interface SubscriptionListener {

    /** Tells nobody. */
    SubscriptionListener NONE = event -> { };

    /** @param event what happened */
    void on(SubscriptionEvent event);
}
