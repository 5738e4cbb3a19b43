package dev.regnotify.delivery.events;

import java.time.Instant;

/**
 * An endpoint delivered again after failed attempts, or after it was disabled and enabled again.
 *
 * @param endpoint the endpoint's name
 * @param failedAttempts how many attempts in a row had failed before this success
 * @param time when its receiver accepted an envelope again
 * @since 0.2
 */
public record EndpointRecovered(String endpoint, int failedAttempts, Instant time) implements DeliveryEvent {
}
