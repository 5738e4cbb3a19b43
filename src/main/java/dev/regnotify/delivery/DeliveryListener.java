package dev.regnotify.delivery;

import dev.regnotify.delivery.events.DeliveryEvent;

/**
 * Told what happens to an endpoint's deliveries, from the endpoint's threads. It must return at once (hand the event
 * to another thread); what it throws is logged and otherwise ignored, so that it never stops delivery.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface DeliveryListener {

    /** Tells nobody. */
    DeliveryListener NONE = event -> { };

    /** @param event what happened */
    void on(DeliveryEvent event);
}
