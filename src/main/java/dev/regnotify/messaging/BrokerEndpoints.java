package dev.regnotify.messaging;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.NotificationQueue;
import dev.regnotify.delivery.deadletter.DeadLetterFiles;
import dev.regnotify.delivery.metrics.EndpointCounters;

/**
 * The two halves of an endpoint behind a broker: the forwarder, on every producing instance, takes the endpoint's
 * local queue (memory or journal) to the broker; the delivering endpoint, on whichever instance the broker gives the
 * endpoint's messages to, reads them from the broker and sends them to the receiver as any endpoint does.
 *
 * @since 0.2
 */
public final class BrokerEndpoints {

    /** What the forwarder's counters are named after: the endpoint's name and this. */
    public static final String FORWARDER_SUFFIX = "@broker";
    /** How long a forwarder or a delivering queue waits before it opens a broken connection again, at most. */
    static final Duration RECONNECT = Duration.ofSeconds(1);
    // events per transaction: each is a sync of the broker's disk, so fewer and larger is faster
    // (docs/performance.md); the broker sink cuts it into messages of BrokerSink.EVENTS_PER_MESSAGE
    private static final int EVENTS_PER_COMMIT = 10 * BrokerSink.EVENTS_PER_MESSAGE;
    private static final long BYTES_PER_COMMIT = 4L << 20;

    private BrokerEndpoints() {
    }

    /**
     * Starts the forwarder of an endpoint: its events, filtered as the endpoint wants, go from the local queue to the
     * broker in order, up to 3,000 at a time in one transaction (messages of up to 300), retried for as long as the broker is away (the local queue,
     * bounded, holds them meanwhile): a forwarder never gives an event up.
     *
     * @param endpoint the endpoint
     * @param local its local queue (memory, or its journal cursor)
     * @param broker the broker
     * @param threads where the forwarder's thread comes from
     * @param deadLetterFiles where the events it gives up survive a restart (the journal's, under
     *        {@code <endpoint>@broker}), or null without a journal
     * @param listener who is told of the forwarder's failed attempts (the broker away) and of the events its local
     *         queue could not keep, under the name {@code <endpoint>@broker}
     * @return the started forwarder, its counters named {@code <endpoint>@broker}
     */
    public static Endpoint forwarder(EndpointConfig endpoint, NotificationQueue local, Broker broker,
            ThreadFactory threads, DeadLetterFiles deadLetterFiles, DeliveryListener listener) {
        BatchConfig batch = endpoint.envelope().batch();
        EndpointConfig forwarding = endpoint.toBuilder().maxInFlight(1)
                .batch(new BatchConfig(Math.max(EVENTS_PER_COMMIT, batch.maxEvents()),
                        Math.max(BYTES_PER_COMMIT, batch.maxBytes())))
                .retry(RetryConfig.exponential(Duration.ofMillis(50), RECONNECT))
                .threshold(endpoint.retry().threshold()).backoff(endpoint.retry().backoff()).build();
        EndpointCounters counters = new EndpointCounters(endpoint.name() + FORWARDER_SUFFIX, endpoint.url());
        return Endpoint.start(forwarding, new EventBatches(), local, threads, counters,
                new BrokerSink(broker, endpoint.name(), counters, threads), deadLetterFiles, listener);
    }

    /**
     * Why an endpoint cannot be delivered from the broker here, if it cannot: its events may become dead letters
     * (its retries are bounded) and nothing would keep them through a restart. A broker message is acknowledged once
     * each of its events is delivered or dead-lettered, and the broker forgets it then: a dead letter kept in memory
     * only would be the one copy left, lost with the instance. Not acknowledging such messages instead would deliver
     * their other events again at every takeover and keep every drain waiting to its deadline.
     *
     * @param endpoint the endpoint
     * @param deadLettersKept whether its dead letters survive a restart (a journal is configured)
     * @return the reason, naming the endpoint and what to do, or null if it can be delivered
     */
    public static String cannotDeliver(EndpointConfig endpoint, boolean deadLettersKept) {
        if (deadLettersKept || !endpoint.retry().bounded()) {
            return null;
        }
        return "endpoint " + endpoint.name() + " is delivered from the broker with bounded retries (maxattempts or "
                + "maxage), so its events may become dead letters, and the broker forgets a message once its events "
                + "are delivered or dead: give this instance a journal (notifications.journal.directory; on an "
                + "instance that only delivers it holds the dead letters alone), or leave the retries unbounded";
    }

    /**
     * @param endpoint the endpoint
     * @param broker the broker
     * @return the endpoint's queue on the broker, for its delivering endpoint
     */
    public static BrokerQueue queue(EndpointConfig endpoint, Broker broker) {
        return new BrokerQueue(broker, endpoint.name(), RECONNECT);
    }

    /**
     * @param endpoint the endpoint
     * @param broker the broker
     * @param membership how this instance shares the endpoints out with the other delivering instances
     * @return the endpoint's queue on the broker, consumed only while the membership gives the endpoint to this
     *         instance
     * @since 0.4
     */
    public static BrokerQueue queue(EndpointConfig endpoint, Broker broker, Membership membership) {
        return new BrokerQueue(broker, endpoint.name(), RECONNECT, membership);
    }
}
