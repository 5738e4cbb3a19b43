/**
 * Delivery of notifications to endpoints: plain Java (no {@code jakarta.*}), so that every piece is unit-tested
 * without a container. Per endpoint: {@link dev.regnotify.delivery.EndpointFilter} -> {@link
 * dev.regnotify.delivery.NotificationQueue} -> batch -> attempts paced by a {@link
 * dev.regnotify.delivery.RetrySchedule} -> {@link dev.regnotify.delivery.HttpSink}, on one thread of its own, with
 * {@link dev.regnotify.delivery.EndpointMetrics}; envelopes whose attempts end become
 * {@link dev.regnotify.delivery.DeadLetter}s ({@link dev.regnotify.delivery.DeadLetters} lists and replays them), and
 * a {@link dev.regnotify.delivery.DeliveryListener} is told what happens.
 * {@link dev.regnotify.delivery.Broadcaster} hands each notification to every endpoint. The queue, the sink and the
 * dead letters' files are the seams where durable queues, signatures and remote queues plug in.
 *
 * @since 0.1
 */
package dev.regnotify.delivery;
