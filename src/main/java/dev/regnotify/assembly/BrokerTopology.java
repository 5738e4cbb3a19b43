package dev.regnotify.assembly;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.ConfigException;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.NotificationQueue;
import dev.regnotify.delivery.deadletter.DeadLetterFiles;
import dev.regnotify.messaging.Broker;
import dev.regnotify.messaging.BrokerEndpoints;
import dev.regnotify.messaging.BrokerQueue;
import dev.regnotify.messaging.Membership;

/**
 * The endpoints' halves on a broker, for {@link DeliveryAssembly}: forwarders for what this instance produces,
 * queues for what it delivers, and with {@code spread} the membership through which it shares the endpoints out with
 * the other delivering instances (made with the first queue); and their connections, closed once the endpoints
 * stopped. Its signatures name no
 * Jakarta Messaging type, and only a configuration with a broker loads it, so that the assembly loads without the API
 * when no broker is configured.
 */
final class BrokerTopology {

    private final Broker broker;
    private final ThreadFactory threads;
    private final boolean spread;
    private final List<BrokerQueue> queues = new ArrayList<>();
    private Membership membership;

    /** @param spread whether delivering instances share the endpoints out ({@code notifications.queue.spread}) */
    BrokerTopology(Broker broker, ThreadFactory threads, boolean spread) {
        this.broker = broker;
        this.threads = threads;
        this.spread = spread;
    }

    Endpoint forwarder(EndpointConfig endpoint, NotificationQueue local, DeadLetterFiles deadLetterFiles,
            DeliveryListener listener) {
        checkName(endpoint);
        return BrokerEndpoints.forwarder(endpoint, local, broker, threads, deadLetterFiles, listener);
    }

    /**
     * @param deadLettersKept whether the endpoint's dead letters survive a restart (a journal is configured)
     * @throws ConfigException if its events may become dead letters that nothing keeps
     */
    NotificationQueue queue(EndpointConfig endpoint, boolean deadLettersKept) {
        String refused = BrokerEndpoints.cannotDeliver(endpoint, deadLettersKept);
        if (refused != null) {
            throw new ConfigException("notifications.journal", refused);
        }
        checkName(endpoint);
        if (spread && membership == null) {
            membership = Membership.join(broker, threads);
        }
        BrokerQueue queue = spread ? BrokerEndpoints.queue(endpoint, broker, membership)
                : BrokerEndpoints.queue(endpoint, broker);
        queues.add(queue);
        return queue;
    }

    /** An endpoint started at runtime (a subscription) has not met the configuration's check. */
    private static void checkName(EndpointConfig endpoint) {
        try {
            BrokerConfig.checkEndpointName(endpoint.name());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("notifications.endpoints.name", e.getMessage());
        }
    }

    /**
     * Closes the delivering queues' connections, then leaves the other delivering instances: what the queues did not
     * acknowledge goes to another instance.
     */
    void disconnect() {
        queues.forEach(BrokerQueue::disconnectWhenStopped);
        if (membership != null) {
            membership.close();
        }
    }

    @Override
    public String toString() {
        return "BrokerTopology[" + broker + "]";
    }
}
