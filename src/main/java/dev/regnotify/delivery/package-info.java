/**
 * Delivery of notifications to endpoints: plain Java (no {@code jakarta.*}), so that every piece is unit-tested
 * without a container.
 *
 * <p>This package holds the endpoint and what it is made of, and the words every part of delivery speaks. The face:
 * {@link dev.regnotify.delivery.Broadcaster} hands each notification to every {@link dev.regnotify.delivery.Endpoint};
 * {@link dev.regnotify.delivery.DeadLetters} lists and replays the {@link dev.regnotify.delivery.DeadLetter}s of all of
 * them; {@link dev.regnotify.delivery.EndpointMetrics} shows one over JMX. Within an endpoint: an intake (filter, then
 * its {@link dev.regnotify.delivery.NotificationQueue}), the state its workers share (stop signal, enabled switch,
 * pauses, clock, listener), and one worker thread that runs the delivery loop (a due replay, or the next envelope,
 * sent by the retrying sender until accepted, split or dead-lettered), or dispatches to lanes that each run one.
 * The vocabulary the pieces below may use: {@link dev.regnotify.delivery.Envelope}, {@link
 * dev.regnotify.delivery.Sink}, {@link dev.regnotify.delivery.DeliveryException}, {@link
 * dev.regnotify.delivery.AttemptListener}, {@link dev.regnotify.delivery.DeliveryListener}, {@link
 * dev.regnotify.delivery.DeadLetter} and {@link dev.regnotify.delivery.EndpointMetricsMXBean}; they use no piece.
 *
 * <p>The pieces, each a concern of its own, none of which knows the endpoint: {@code delivery.http} (the transport),
 * {@code delivery.retry} (how long to wait, and what a failure leads to), {@code delivery.deadletter} (what ran out of
 * attempts, and its replays) and {@code delivery.metrics} (the counters and their readers).
 *
 * @since 0.1
 */
package dev.regnotify.delivery;
