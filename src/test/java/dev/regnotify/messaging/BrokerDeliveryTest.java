package dev.regnotify.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.AttemptListener;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.Envelope;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * Notifications through an Artemis broker (in this JVM, persisting to a temporary directory) to real receivers on
 * 127.0.0.1: forwarders on the producing side, delivering endpoints on the other, one of them at a time per endpoint.
 */
class BrokerDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private static EndpointConfig endpoint(Receiver receiver) {
        return EndpointConfig.of("hook", receiver.url()).withRetry(Duration.ofSeconds(2), 3, Duration.ofMillis(20))
                .withBatch(new BatchConfig(50, 1 << 20));
    }

    private Endpoint forwarder(EndpointConfig endpoint, Broker broker) {
        Endpoint forwarder = BrokerEndpoints.forwarder(endpoint, new InMemoryQueue(100_000), broker,
                Executors.defaultThreadFactory(), null, DeliveryListener.NONE);
        closer.keep(() -> forwarder.close(Duration.ZERO));
        return forwarder;
    }

    /** A delivering instance: its endpoint and its queue on the broker, closed together. */
    private record Deliverer(Endpoint endpoint, BrokerQueue queue) implements AutoCloseable {
        @Override
        public void close() {
            endpoint.close(Duration.ZERO);
            queue.disconnectWhenStopped();
        }
    }

    private Deliverer deliverer(EndpointConfig endpoint, Broker broker) {
        BrokerQueue queue = BrokerEndpoints.queue(endpoint, broker);
        Endpoint started = Endpoint.start(endpoint, new DistributionFormat(endpoint.format(),
                new NotificationFactory(null, false)), queue, Executors.defaultThreadFactory(), null,
                DeliveryListener.NONE);
        return closer.keep(new Deliverer(started, queue));
    }

    /** A broker, a receiver, its endpoint and the endpoint's forwarder: what every test here starts with. */
    private record Setup(EmbeddedBroker server, Receiver receiver, Broker broker, EndpointConfig endpoint,
            Endpoint forwarder) {
    }

    private Setup setUp() throws Exception {
        EmbeddedBroker server = closer.keep(EmbeddedBroker.start(dir));
        Receiver receiver = closer.keep(Receiver.start());
        Broker broker = Broker.artemis(BrokerConfig.at(server.url()));
        EndpointConfig endpoint = endpoint(receiver);
        return new Setup(server, receiver, broker, endpoint, forwarder(endpoint, broker));
    }

    private static void offer(Endpoint forwarder, int from, int toExclusive) {
        for (int i = from; i < toExclusive; i++) {
            forwarder.offer(Notifications.numbered(i));
        }
    }

    @Test
    void eventsGoThroughTheBrokerInOrder() throws Exception {
        Setup setup = setUp();
        Receiver receiver = setup.receiver();
        Endpoint forwarder = setup.forwarder();
        deliverer(setup.endpoint(), setup.broker());
        offer(forwarder, 0, 1000);
        receiver.awaitAccepted(1000, WAIT);
        assertEquals(Notifications.ids(0, 1000), receiver.acceptedIds());
        assertEquals(1000, receiver.acceptedEvents().size(), "each once");
        Polling.await("forwarded", WAIT, () -> forwarder.metrics().getPending() == 0);
        assertEquals(1000, forwarder.metrics().getSuccesses());
        assertEquals("hook@broker", forwarder.name());
    }

    @Test
    void oneDelivererAtATimeAndTheOtherTakesOverWhenItGoes() throws Exception {
        Setup setup = setUp();
        Receiver receiver = setup.receiver();
        Endpoint forwarder = setup.forwarder();
        Deliverer first = deliverer(setup.endpoint(), setup.broker());
        Deliverer second = deliverer(setup.endpoint(), setup.broker());
        offer(forwarder, 0, 500);
        receiver.awaitAccepted(500, WAIT);
        long firstDelivered = first.endpoint().metrics().getSuccesses();
        long secondDelivered = second.endpoint().metrics().getSuccesses();
        assertTrue(firstDelivered == 0 || secondDelivered == 0, "one instance delivers the endpoint: "
                + firstDelivered + " and " + secondDelivered);

        Deliverer active = firstDelivered > 0 ? first : second;
        Deliverer standby = active == first ? second : first;
        active.close();
        offer(forwarder, 500, 1000);
        receiver.awaitAccepted(1000, WAIT);
        assertEquals(Notifications.ids(0, 1000), List.copyOf(new LinkedHashSet<>(receiver.acceptedIds())),
                "in order, whoever delivers");
        assertTrue(standby.endpoint().metrics().getSuccesses() >= 500, "the other took over");
    }

    @Test
    void aBrokerRestartLosesNothingAndProducersKeepWorking() throws Exception {
        Setup setup = setUp();
        EmbeddedBroker server = setup.server();
        Receiver receiver = setup.receiver();
        Endpoint forwarder = setup.forwarder();
        deliverer(setup.endpoint(), setup.broker());
        offer(forwarder, 0, 300);
        receiver.awaitAccepted(300, WAIT);

        server.stop();
        long before = System.nanoTime();
        offer(forwarder, 300, 600);
        assertTrue(System.nanoTime() - before < Duration.ofSeconds(1).toNanos(), "offering never waits for the broker");
        Polling.await("the forwarder kept them while the broker is away", WAIT,
                () -> forwarder.metrics().getErrors() > 0);
        assertEquals(300, receiver.acceptedIds().size());
        server.restart();
        receiver.awaitAccepted(600, WAIT);
        List<String> distinct = List.copyOf(new LinkedHashSet<>(receiver.acceptedIds()));
        assertEquals(Notifications.ids(0, 600), distinct, "nothing lost, in order");
    }

    @Test
    void aBrokerDownAtStartIsWaitedFor() throws Exception {
        Setup setup = setUp();
        EmbeddedBroker server = setup.server();
        Receiver receiver = setup.receiver();
        Endpoint forwarder = setup.forwarder();
        server.stop(); // before the forwarder and the deliverer first connect
        deliverer(setup.endpoint(), setup.broker());
        offer(forwarder, 0, 100);
        Polling.await("attempts while the broker is down", WAIT, () -> forwarder.metrics().getErrors() > 0);
        assertEquals(100, forwarder.metrics().getPending());
        server.restart();
        receiver.awaitAccepted(100, WAIT);
        assertEquals(Notifications.ids(0, 100), receiver.acceptedIds());
    }

    /**
     * A forwarder whose connection broke after the broker stored its message, before the broker's answer came, sends
     * the same envelope again: the broker keeps it once.
     */
    @Test
    void anEnvelopeSentAgainAfterALostConfirmationIsKeptOnce() throws Exception {
        EmbeddedBroker server = closer.keep(EmbeddedBroker.start(dir));
        Broker broker = Broker.artemis(BrokerConfig.at(server.url()));
        EventBatches format = new EventBatches();
        byte[] body = format.envelope(List.of(format.encode(Notifications.numbered(1))));
        BrokerSink sink = new BrokerSink(broker, "hook", AttemptListener.NONE);
        try {
            Envelope envelope = new Envelope(body, format.contentType(), 1, Map.of());
            sink.send(envelope);
            sink.send(envelope);
            sink.send(new Envelope(format.envelope(List.of(format.encode(Notifications.numbered(2)))),
                    format.contentType(), 1, Map.of()));
        } finally {
            sink.close();
        }
        assertEquals(2, server.messageCount(broker.queueName("hook")), "the repeat is dropped by the broker");
    }

    /**
     * With Artemis's group rebalance, paused until what was in flight is acknowledged (docs/distributed.md), a
     * deliverer that joins may take endpoints over from the one there: each endpoint's events still arrive once each
     * and in order.
     */
    @Test
    void withGroupRebalanceADelivererThatJoinsKeepsEveryEndpointsOrder() throws Exception {
        EmbeddedBroker server = closer.keep(EmbeddedBroker.startForScaleOut(dir, "regnotify.#"));
        Broker broker = Broker.artemis(BrokerConfig.at(server.url()));
        List<Receiver> receivers = new ArrayList<>();
        List<EndpointConfig> endpoints = new ArrayList<>();
        List<Endpoint> forwarders = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            Receiver receiver = closer.keep(Receiver.start());
            EndpointConfig endpoint = EndpointConfig.of("hook-" + e, receiver.url())
                    .withRetry(Duration.ofSeconds(2), 3, Duration.ofMillis(20)).withBatch(new BatchConfig(50, 1 << 20));
            receivers.add(receiver);
            endpoints.add(endpoint);
            forwarders.add(forwarder(endpoint, broker));
            deliverer(endpoint, broker);
        }
        forwarders.forEach(forwarder -> offer(forwarder, 0, 500));
        receivers.forEach(receiver -> receiver.awaitAccepted(1, WAIT));
        endpoints.forEach(endpoint -> deliverer(endpoint, broker)); // a second instance joins
        forwarders.forEach(forwarder -> offer(forwarder, 500, 2000));
        for (Receiver receiver : receivers) {
            receiver.awaitAccepted(2000, WAIT);
            assertEquals(Notifications.ids(0, 2000), receiver.acceptedEvents().stream()
                    .map(event -> event.getString("id")).toList(), "once each, in order");
        }
    }

    /** A forwarder's batch goes as messages of up to 300 events, committed together, in order. */
    @Test
    void aLargeBatchIsCutIntoMessagesOfOneTransaction() throws Exception {
        EmbeddedBroker server = closer.keep(EmbeddedBroker.start(dir));
        Broker broker = Broker.artemis(BrokerConfig.at(server.url()));
        BrokerSink sink = new BrokerSink(broker, "hook", AttemptListener.NONE);
        try {
            sink.send(HookQueue.batch(HookQueue.records(700)));
        } finally {
            sink.close();
        }
        assertEquals(List.of(300, 300, 100), HookQueue.received(broker).stream().map(List::size).toList());
    }

    /**
     * After a crash, the journal gives the forwarder a batch cut differently from the one whose commit reached the
     * broker unanswered: the broker has its first message and ignores the whole transaction. Each message is then sent
     * alone: the one it has is ignored again, the others kept, in order.
     */
    @Test
    void aBatchPartlyKeptBeforeIsCompletedAndNothingRepeated() throws Exception {
        EmbeddedBroker server = closer.keep(EmbeddedBroker.start(dir));
        Broker broker = Broker.artemis(BrokerConfig.at(server.url()));
        BrokerSink sink = new BrokerSink(broker, "hook", AttemptListener.NONE);
        // the journal's records: the same bytes each time they are read
        List<byte[]> records = HookQueue.records(650);
        try {
            sink.send(HookQueue.batch(records.subList(0, 300)));
            sink.send(HookQueue.batch(records));
        } finally {
            sink.close();
        }
        List<String> ids = HookQueue.ids(broker);
        assertEquals(650, ids.size(), "each once");
        assertEquals(Notifications.ids(0, 650), ids, "in order");
    }

    @Test
    void aBatchTravelsAsTheJournalsRecords() {
        EventBatches format = new EventBatches();
        List<RegistryEvent> events = List.of(Notifications.numbered(1), Notifications.numbered(2));
        byte[] batch = format.envelope(events.stream().map(format::encode).toList());
        assertEquals(events.stream().map(RegistryEvent::id).toList(), EventBatches.decode(batch).stream()
                .map(RegistryEvent::id).toList());
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> EventBatches.decode(new byte[] {0, 0, 0, 9}));
        assertTrue(bad.getMessage().startsWith("a batch of events cannot hold 9 events"), bad.getMessage());
    }

    @Test
    void credentialsAndUrlQueryValuesAreShownNowhere() {
        BrokerConfig config = new BrokerConfig(BrokerConfig.Factory.URL,
                "tcp://127.0.0.1:61616?user=admin&password=hunter2", "admin", "s3cret", BrokerConfig.DEFAULT_JNDI_NAME,
                BrokerConfig.DEFAULT_PREFIX, BrokerConfig.Role.BOTH);
        String shown = config + " " + Broker.artemis(config);
        assertFalse(shown.contains("s3cret") || shown.contains("hunter2") || shown.contains("admin"), shown);
        assertTrue(shown.contains("tcp://127.0.0.1:61616?<redacted>"), shown);
    }
}
