package dev.regnotify.delivery.events;

import java.time.Instant;

/**
 * Events an endpoint wanted could not be kept: its queue or the journal was full, or its dead letters were full.
 * Reported at most about once a second per endpoint, with the count since the last report.
 *
 * @param endpoint the endpoint's name
 * @param count how many events were dropped since the last report
 * @param time when this report was made
 * @since 0.2
 */
public record NotificationsDropped(String endpoint, long count, Instant time) implements DeliveryEvent {
}
