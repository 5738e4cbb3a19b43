package dev.regnotify.delivery.events;

import java.time.Instant;

/**
 * An endpoint stopped delivering until an operator enables it again (its receiver answered 410 Gone). Its events
 * stay queued, up to the queue's capacity.
 *
 * @param endpoint the endpoint's name
 * @param reason why
 * @param time when
 * @since 0.2
 */
public record EndpointDisabled(String endpoint, String reason, Instant time) implements DeliveryEvent {
}
