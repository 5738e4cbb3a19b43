package dev.regnotify.delivery;

import dev.regnotify.delivery.events.DeliveryEvent;

/**
 * Told what happens to an endpoint's deliveries, from the endpoint's threads. It must return at once (hand the event
 * to another thread); what it throws, an {@link Error} such as {@link AssertionError} or {@link StackOverflowError}
 * included, is logged and otherwise ignored, so that it never stops delivery nor changes what becomes of an envelope.
 * Only an error the JVM cannot recover from (an {@link InternalError}, say) is thrown on, and ends the endpoint's
 * delivery.
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
