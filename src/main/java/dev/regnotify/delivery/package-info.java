/**
 * Delivery of notifications to endpoints: plain Java (no {@code jakarta.*}), so that every piece is unit-tested
 * without a container. Per endpoint: {@link dev.regnotify.delivery.EndpointFilter} -> {@link
 * dev.regnotify.delivery.NotificationQueue} -> batch -> {@link dev.regnotify.delivery.RetryingSink} -> {@link
 * dev.regnotify.delivery.HttpSink}, on one thread of its own, with {@link dev.regnotify.delivery.EndpointMetrics}.
 * {@link dev.regnotify.delivery.Broadcaster} hands each notification to every endpoint. The queue and the sink are
 * the seams where durable queues, signatures and remote queues plug in.
 *
 * @since 0.1
 */
package dev.regnotify.delivery;
