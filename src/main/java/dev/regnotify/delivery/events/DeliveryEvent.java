package dev.regnotify.delivery.events;

import java.time.Instant;

/**
 * Something that happened to an endpoint's deliveries.
 *
 * @since 0.2
 */
public sealed interface DeliveryEvent
        permits DeliveryFailed, DeliveryExhausted, NotificationsDropped, EndpointDisabled, EndpointRecovered {

    /** @return the endpoint's name */
    String endpoint();

    /** @return when it happened */
    Instant time();
}
