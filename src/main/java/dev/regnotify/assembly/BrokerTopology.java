package dev.regnotify.assembly;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

import dev.regnotify.config.ConfigException;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.NotificationQueue;
import dev.regnotify.delivery.deadletter.DeadLetterFiles;
import dev.regnotify.messaging.Broker;
import dev.regnotify.messaging.BrokerEndpoints;
import dev.regnotify.messaging.BrokerQueue;

/**
 * The endpoints' halves on a broker, for {@link DeliveryAssembly}: forwarders for what this instance produces,
 * queues for what it delivers; and their connections, closed once the endpoints stopped. Its signatures name no
 * Jakarta Messaging type, and only a configuration with a broker loads it, so that the assembly loads without the API
 * when no broker is configured.
 */
final class BrokerTopology {

    private final Broker broker;
    private final ThreadFactory threads;
    private final List<BrokerQueue> queues = new ArrayList<>();

    BrokerTopology(Broker broker, ThreadFactory threads) {
        this.broker = broker;
        this.threads = threads;
    }

    Endpoint forwarder(EndpointConfig endpoint, NotificationQueue local, DeadLetterFiles deadLetterFiles,
            DeliveryListener listener) {
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
        BrokerQueue queue = BrokerEndpoints.queue(endpoint, broker);
        queues.add(queue);
        return queue;
    }

    /** Closes the delivering queues' connections: what they did not acknowledge goes to another instance. */
    void disconnect() {
        queues.forEach(BrokerQueue::disconnectWhenStopped);
    }

    @Override
    public String toString() {
        return "BrokerTopology[" + broker + "]";
    }
}
