/**
 * What happens to notifications after the registry operation returned, for application code: observe these with
 * {@code @ObservesAsync} (they are fired asynchronously, so that a slow or failing observer never slows or stops
 * delivery). {@link dev.regnotify.delivery.events.DeliveryFailed} for each failed attempt,
 * {@link dev.regnotify.delivery.events.DeliveryExhausted} when an envelope becomes a dead letter,
 * {@link dev.regnotify.delivery.events.NotificationsDropped} when events could not be kept,
 * {@link dev.regnotify.delivery.events.EndpointDisabled} and {@link dev.regnotify.delivery.events.EndpointRecovered}.
 * Plain records: no secret (header, URL credentials, signing key) is in any of them.
 *
 * @since 0.2
 */
package dev.regnotify.delivery.events;
