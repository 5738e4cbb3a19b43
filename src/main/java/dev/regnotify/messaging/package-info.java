/**
 * The notification queue on a message broker (Jakarta Messaging; Apache Artemis in tests): every registry instance
 * forwards its endpoints' notifications to the broker through a {@link dev.regnotify.messaging.BrokerSink} (an
 * endpoint whose receiver is the broker, after the local queue or journal), and one instance at a time delivers each
 * endpoint's queue from a {@link dev.regnotify.messaging.BrokerQueue}; the delivering instances share the endpoints
 * out through a {@link dev.regnotify.messaging.Membership} on the broker. Plain Java with the Jakarta Messaging API;
 * no CDI. docs/distributed.md has the design, the order and the duplicates.
 *
 * @since 0.2
 */
package dev.regnotify.messaging;
