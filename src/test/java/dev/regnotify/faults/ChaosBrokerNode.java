package dev.regnotify.faults;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.Broadcaster;
import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.delivery.NotificationQueue;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.journal.Journal;
import dev.regnotify.messaging.Broker;
import dev.regnotify.messaging.BrokerEndpoints;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.TcpProxy;

/**
 * A registry on several machines for the broker leg, each instance put together as the library's CDI edge puts it
 * together: one producing instance (queue role {@code produce}) whose endpoints are forwarders, their transport a
 * {@code BrokerSink}, after a local queue or journal; and {@value #DELIVERERS} delivering instances
 * ({@link ChaosDeliverer}). Each instance reaches the broker through a {@link TcpProxy} of its own, which the run cuts.
 * Every round gets queues of its own on the one broker (a destination prefix per round).
 */
final class ChaosBrokerNode implements AutoCloseable {

    static final int DELIVERERS = 2;
    /** Whose connections a cut cuts: a delivering instance's (0 or 1), the forwarding instance's, or every one. */
    static final int CUT_TARGETS = DELIVERERS + 2;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final EmbeddedBroker server;
    private final String prefix;
    private final List<URI> urls;
    private final TcpProxy forwarding;
    private final List<TcpProxy> delivering = new ArrayList<>();
    private final List<ChaosDeliverer> deliverers = new ArrayList<>();
    // the library says each lost connection of a delivering queue (RN-341): the checker's allowance counts them
    private final LogCapture logs = LogCapture.start();
    private Journal journal;
    private Broadcaster producer;
    private boolean closed;

    /**
     * @param prefix the destination prefix of the round's queues
     * @param urls the receivers, one per endpoint, named endpoint-0, endpoint-1 ...
     */
    ChaosBrokerNode(EmbeddedBroker server, ChaosPlan.Setup setup, Path directory, String prefix, List<URI> urls) {
        this.server = server;
        this.prefix = prefix;
        this.urls = List.copyOf(urls);
        this.forwarding = TcpProxy.to(server.port());
        try {
            for (int i = 0; i < DELIVERERS; i++) {
                TcpProxy proxy = TcpProxy.to(server.port());
                delivering.add(proxy);
                deliverers.add(new ChaosDeliverer("deliverer-" + i, setup, broker(proxy, BrokerConfig.Role.DELIVER),
                        directory.resolve("deliverer-" + i), urls));
            }
            startProducer(setup, directory.resolve("producer"));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** @return what a cut with this target cuts, for the round's description */
    static String cutTarget(int target) {
        if (target < DELIVERERS) {
            return "deliverer-" + target + "'s connections";
        }
        return target == DELIVERERS ? "the forwarders' connections" : "every connection";
    }

    /**
     * The instance's broker, through its proxy. Artemis's URL options, as an operator behind a proxy would set them:
     * new connections go to the URL, not to the address the broker announces in its topology (which would bypass the
     * proxy); and a connection waits at most 5 s for that topology, not the default call timeout of 30 s: through
     * the proxy, a connection opened after a cut sometimes never receives it (AMQ212064), and the next attempt does.
     */
    private Broker broker(TcpProxy proxy, BrokerConfig.Role role) {
        return Broker.artemis(new BrokerConfig(BrokerConfig.Factory.URL, "tcp://127.0.0.1:" + proxy.port()
                + "?useTopologyForLoadBalancing=false&callTimeout=" + CALL_TIMEOUT.toMillis(), null, null,
                BrokerConfig.DEFAULT_JNDI_NAME, prefix, role));
    }

    private void startProducer(ChaosPlan.Setup setup, Path directory) {
        if (setup.journaled()) {
            journal = Journal.open(setup.journal(directory), Executors.defaultThreadFactory());
        }
        Broker broker = broker(forwarding, BrokerConfig.Role.PRODUCE);
        List<EndpointConfig> configs = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            configs.add(setup.endpoint(ChaosNode.name(i), urls.get(i)));
        }
        // every queue first: a forwarder that forwards releases journal segments that only open cursors keep
        List<NotificationQueue> queues = configs.stream().map(c -> journal == null
                ? (NotificationQueue) new InMemoryQueue(c.queueCapacity()) : journal.cursor(c.name(), e -> true))
                .toList();
        List<Endpoint> forwarders = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            forwarders.add(BrokerEndpoints.forwarder(configs.get(i), queues.get(i), broker,
                    Executors.defaultThreadFactory(), null, DeliveryListener.NONE));
        }
        producer = new Broadcaster(forwarders, journal);
    }

    /** As the producing instance's bridge does after a registry call. */
    void write(RegistryEvent event) {
        producer.write(event);
    }

    /** Cuts the connections of the target ({@link #CUT_TARGETS}): both ends see them reset. */
    void cut(int target) {
        if (target < DELIVERERS) {
            delivering.get(target).cut();
        } else if (target == DELIVERERS) {
            forwarding.cut();
        } else {
            forwarding.cut();
            delivering.forEach(TcpProxy::cut);
        }
    }

    /** Restarts a delivering instance with this drain. */
    void restart(int deliverer, Duration drain) {
        deliverers.get(deliverer).restart(drain);
    }

    /** Enables every delivering endpoint a 410 disabled, as an operator would once the receiver is back. */
    void enableAll() {
        deliverers.forEach(d -> d.endpoints().forEach(Endpoint::enable));
    }

    /** @return whether nothing waits anywhere: to be forwarded, on the broker, or at a delivering instance */
    boolean drained() {
        for (int i = 0; i < urls.size(); i++) {
            if (pending(i) > 0) {
                return false;
            }
        }
        return deliverers.stream().allMatch(ChaosDeliverer::drained);
    }

    /** @return what endpoint i still has to deliver: to be forwarded, on the broker, and received by a deliverer */
    long pending(int endpoint) {
        String name = ChaosNode.name(endpoint);
        long forwarded = producer.endpoints().get(endpoint).metrics().getPending();
        long delivered = deliverers.stream().mapToLong(d -> d.pending(name)).sum();
        return forwarded + server.messageCount(prefix + name) + delivered;
    }

    /** @return how many events were dropped for this endpoint: by its forwarder or its delivering endpoints */
    long dropped(int endpoint) {
        String name = ChaosNode.name(endpoint);
        return producer.endpoints().get(endpoint).metrics().getDropped()
                + deliverers.stream().mapToLong(d -> d.dropped(name)).sum();
    }

    List<DeadLetter> deadLetters(int endpoint) {
        List<DeadLetter> letters = new ArrayList<>();
        deliverers.forEach(d -> letters.addAll(d.deadLetters(ChaosNode.name(endpoint))));
        return letters;
    }

    /**
     * @return how many times a delivering instance of the endpoint lost its connection to the broker (RN-341: "lost
     *         its queue"), or closed for a restart, possibly with messages unacknowledged
     */
    int losses(int endpoint) {
        int lost = logs.containing("RN-341 endpoint " + ChaosNode.name(endpoint) + " lost its queue").size();
        return lost + deliverers.stream().mapToInt(ChaosDeliverer::restarts).sum();
    }

    /** Closes every instance, the producing one first, each with this drain; their counters stay readable. */
    void close(Duration drain) {
        if (closed) {
            return;
        }
        closed = true;
        if (producer != null) {
            producer.close(drain);
        }
        if (journal != null) {
            journal.close();
        }
        deliverers.forEach(d -> d.stop(drain));
    }

    @Override
    public void close() {
        close(Duration.ZERO);
        forwarding.close();
        delivering.forEach(TcpProxy::close);
        logs.close();
    }
}
