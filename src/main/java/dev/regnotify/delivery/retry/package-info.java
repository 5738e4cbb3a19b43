/**
 * What follows a failed attempt: {@link dev.regnotify.delivery.retry.RetryRules} decide, as pure functions, whether
 * it disables the endpoint, splits the envelope, is retried or becomes a dead letter; a {@link
 * dev.regnotify.delivery.retry.RetrySchedule} says how long to wait before the next attempt, one per policy of the
 * {@code retry} block ({@link dev.regnotify.delivery.retry.DistributionSchedule}, {@link
 * dev.regnotify.delivery.retry.ExponentialSchedule}).
 *
 * @since 0.3
 */
package dev.regnotify.delivery.retry;
