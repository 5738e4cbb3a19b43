package dev.regnotify.cdi;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;

import dev.regnotify.subscriptions.SubscriptionEvent;
import dev.regnotify.subscriptions.SubscriptionListener;

/**
 * Hands subscription events (created, deleted, disabled) to application observers ({@code @ObservesAsync}), on the
 * executor of asynchronous observers, as the delivery events are: an endpoint's thread or an API request never runs
 * application code.
 */
final class SubscriptionEvents implements SubscriptionListener {

    private final AsyncObservers<SubscriptionEvent> observers;

    SubscriptionEvents(Event<SubscriptionEvent> target, NotificationOptions options) {
        this.observers = new AsyncObservers<>(target, options, System.getLogger("dev.regnotify.subscriptions"),
                "RN-707", e -> "subscription " + e.name());
    }

    @Override
    public void on(SubscriptionEvent event) {
        observers.fire(event);
    }
}
