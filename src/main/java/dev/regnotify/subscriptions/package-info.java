/**
 * Subscriptions: webhook endpoints that a registry's users create, change and delete at runtime, each with an owner
 * and a secret of its own, kept in a {@link dev.regnotify.subscriptions.SubscriptionStore}. Plain Java: the CDI edge
 * produces {@link dev.regnotify.subscriptions.Subscriptions} and turns its events into CDI events.
 *
 * @since 0.4
 */
package dev.regnotify.subscriptions;
