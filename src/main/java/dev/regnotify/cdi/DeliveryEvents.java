package dev.regnotify.cdi;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;

import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.events.DeliveryEvent;

/**
 * Hands the endpoints' delivery events to application observers ({@code @ObservesAsync}), on the executor of
 * asynchronous observers, so that an endpoint's thread never runs application code: a slow observer delays only
 * other observers, and one that throws is logged.
 */
final class DeliveryEvents implements DeliveryListener {

    private final AsyncObservers<DeliveryEvent> observers;

    DeliveryEvents(Event<DeliveryEvent> target, NotificationOptions options) {
        this.observers = new AsyncObservers<>(target, options, System.getLogger("dev.regnotify.delivery"),
                "RN-314", e -> "endpoint " + e.endpoint());
    }

    @Override
    public void on(DeliveryEvent event) {
        observers.fire(event);
    }
}
