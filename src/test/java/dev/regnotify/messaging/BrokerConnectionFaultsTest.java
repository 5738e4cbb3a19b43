package dev.regnotify.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;
import dev.regnotify.testing.TcpProxy;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * A delivering endpoint whose connection to the broker breaks, cut by a TCP proxy between the two (both ends see the
 * connection reset), or which closes while its queue still gets messages: what it hands out, acknowledges and leaves
 * to the broker. Messages are put on the broker directly, so that each test knows how events fall into messages.
 */
class BrokerConnectionFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String QUEUE = "regnotify.hook";

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    /** A delivering instance: its endpoint and its queue on the broker, closed together. */
    private record Deliverer(Endpoint endpoint, BrokerQueue queue) implements AutoCloseable {
        @Override
        public void close() {
            endpoint.close(Duration.ZERO);
            queue.disconnectWhenStopped();
        }
    }

    /** @return a deliverer of endpoint "hook" (up to 50 events an envelope) reading the broker at that port */
    private Deliverer deliverer(Receiver receiver, int brokerPort) {
        return closer.keep(deliverer(receiver, Broker.artemis(BrokerConfig.at("tcp://127.0.0.1:" + brokerPort))));
    }

    private static Deliverer deliverer(Receiver receiver, Broker broker) {
        EndpointConfig endpoint = EndpointConfig.of("hook", receiver.url())
                .withRetry(Duration.ofSeconds(5), 3, Duration.ofMillis(20)).withBatch(new BatchConfig(50, 1 << 20));
        BrokerQueue queue = new BrokerQueue(broker, "hook", Duration.ofMillis(50));
        Endpoint started = Endpoint.start(endpoint, new DistributionFormat(endpoint.format(),
                new NotificationFactory(null, false)), queue, Executors.defaultThreadFactory(), null,
                DeliveryListener.NONE);
        return new Deliverer(started, queue);
    }

    /**
     * Artemis's client seen through the standard API alone, as a provider without Artemis's own acknowledgement
     * modes: it refuses them, as ActiveMQ Classic's client refuses 101 ("invalid acknowledgeMode").
     */
    private static ConnectionFactory standardOnly(ConnectionFactory artemis) {
        return delegate(ConnectionFactory.class, (method, args) -> {
            Object result = method.invoke(artemis, args);
            return result instanceof Connection connection ? standardOnly(connection) : result;
        });
    }

    private static Connection standardOnly(Connection artemis) {
        return delegate(Connection.class, (method, args) -> {
            if (method.getName().equals("createSession") && args != null && args.length == 2
                    && (int) args[1] > Session.DUPS_OK_ACKNOWLEDGE) {
                throw new JMSException("invalid acknowledgeMode: " + args[1]);
            }
            return method.invoke(artemis, args);
        });
    }

    private interface Call {
        Object on(Method method, Object[] args) throws Exception;
    }

    private static <T> T delegate(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            try {
                return call.on(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    /** Puts messages of endpoint "hook" on the broker, numbering events on from {@code first}. */
    private static void send(EmbeddedBroker server, int first, int messages, int eventsPerMessage)
            throws JMSException {
        EventBatches format = new EventBatches();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(server.url());
                Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            int n = first;
            for (int m = 0; m < messages; m++) {
                List<byte[]> events = new ArrayList<>();
                for (int i = 0; i < eventsPerMessage; i++) {
                    events.add(format.encode(Notifications.numbered(n++)));
                }
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(format.envelope(events));
                message.setStringProperty(Broker.GROUP, "hook");
                producer.send(message);
            }
        }
    }

    /** Cuts the connection while the first envelope is at the receiver; answers it once the loss is known. */
    private static void cutWhileTheFirstEnvelopeIsOut(Receiver receiver, TcpProxy proxy, LogCapture logs) {
        Polling.await("the first envelope is at the receiver", WAIT, () -> receiver.attempts() == 1);
        proxy.cut();
        Polling.await("the client said the connection is lost", WAIT,
                () -> !logs.containing("RN-345").isEmpty());
        receiver.release();
    }

    @Test
    void aFailedAcknowledgementLeavesLaterOnesOnTime() throws Exception {
        EmbeddedBroker server = closer.keep(EmbeddedBroker.start(dir));
        send(server, 0, 10, 5);
        Receiver receiver = closer.keep(Receiver.start().answering(n -> n == 1 ? Answer.hang() : Answer.status(200)));
        TcpProxy proxy = closer.keep(TcpProxy.to(server.port()));
        LogCapture logs = closer.keep(LogCapture.start());
        Deliverer deliverer = deliverer(receiver, proxy.port());

        cutWhileTheFirstEnvelopeIsOut(receiver, proxy, logs);
        receiver.awaitAccepted(50, WAIT);
        assertTrue(receiver.requests().get(0).events().size() > 5, "the first envelope spans several messages");
        Polling.await("every message acknowledged, nothing pending (" + deliverer.queue().pending() + " pending, "
                + server.messageCount(QUEUE) + " messages on the broker when the wait began)", WAIT,
                () -> deliverer.queue().pending() == 0 && server.messageCount(QUEUE) == 0);
        assertEquals(Notifications.ids(0, 50), receiver.acceptedIds(), "in order");
        assertEquals(100, receiver.acceptedEvents().size(), "the unacknowledged messages once again, not more");
    }

    @Test
    void afterALostConnectionNoEventOfItIsHandedOutBeyondTheEnvelopeInFlight() throws Exception {
        EmbeddedBroker server = closer.keep(EmbeddedBroker.start(dir));
        send(server, 0, 1, 300);
        Receiver receiver = closer.keep(Receiver.start().answering(n -> n == 1 ? Answer.hang() : Answer.status(200)));
        TcpProxy proxy = closer.keep(TcpProxy.to(server.port()));
        LogCapture logs = closer.keep(LogCapture.start());
        deliverer(receiver, proxy.port());

        cutWhileTheFirstEnvelopeIsOut(receiver, proxy, logs);
        receiver.awaitAccepted(300, WAIT);
        Polling.await("the broker's copy delivered", WAIT, () -> receiver.acceptedEvents().size() >= 350);
        List<String> ids = receiver.acceptedEvents().stream().map(e -> e.getString("id")).toList();
        int again = ids.subList(1, ids.size()).indexOf(Notifications.id(0)) + 1;
        // the envelope at the receiver and the one prepared while it was sent left before the loss was known
        assertTrue(again > 0 && again <= 100, "the broker's copy follows at most the two envelopes out when the "
                + "connection was lost, not the rest of the lost message: the first event again at " + again);
        assertEquals(Notifications.ids(0, 300), ids.subList(again, again + 300), "the broker's copy, in order");
    }

    @Test
    void aClosingDelivererTakesNoNewMessage() throws Exception {
        EmbeddedBroker server = closer.keep(EmbeddedBroker.start(dir));
        send(server, 0, 3, 5);
        Receiver receiver = closer.keep(Receiver.start().answering(n -> n == 1 ? Answer.hang() : Answer.status(200)));
        LogCapture logs = closer.keep(LogCapture.start());
        Deliverer deliverer = deliverer(receiver, server.port());
        Polling.await("the first envelope is at the receiver", WAIT, () -> receiver.attempts() == 1);
        send(server, 15, 10, 5);

        Thread closing = new Thread(() -> deliverer.endpoint().close(WAIT));
        closing.start();
        Polling.await("the endpoint refuses events as closed", WAIT, () -> {
            deliverer.endpoint().offer(Notifications.numbered(999));
            return !logs.containing("RN-306").isEmpty();
        });
        receiver.release();
        closing.join(WAIT.toMillis());
        assertTrue(!closing.isAlive(), "closed within the drain time");
        deliverer.queue().disconnectWhenStopped();
        assertEquals(Notifications.ids(0, 15), receiver.acceptedIds(), "what it had received when closing began");
        assertEquals(10, server.messageCount(QUEUE), "the messages that came later stay with the broker");
    }

    @Test
    void aClientWithoutIndividualAcknowledgementIsGivenOneMessageAtATime() throws Exception {
        EmbeddedBroker server = closer.keep(EmbeddedBroker.start(dir));
        send(server, 0, 3, 5);
        Receiver receiver = closer.keep(Receiver.start());
        LogCapture logs = closer.keep(LogCapture.start());
        ActiveMQConnectionFactory artemis = closer.keep(new ActiveMQConnectionFactory(server.url()));
        Deliverer deliverer = closer.keep(deliverer(receiver, new Broker(standardOnly(artemis),
                BrokerConfig.at(server.url()))));

        receiver.awaitAccepted(15, WAIT);
        assertEquals(Notifications.ids(0, 15), receiver.acceptedIds());
        assertTrue(receiver.requests().stream().allMatch(r -> r.events().size() <= 5), "one message an envelope");
        Polling.await("every message acknowledged", WAIT,
                () -> deliverer.queue().pending() == 0 && server.messageCount(QUEUE) == 0);
        assertEquals(15, receiver.acceptedEvents().size(), "each once");
        assertTrue(!logs.containing("RN-346").isEmpty(), "the fallback is said");
    }

    /** Receives the queue's first message and gives it back ({@code recover}): each time a delivery to the broker. */
    private static void deliverAndGiveBack(EmbeddedBroker server, int times) throws JMSException {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(server.url());
                Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            for (int i = 0; i < times; i++) {
                // the message is there at once, or the broker gave it up: then the loop need not wait long
                if (consumer.receive(Duration.ofSeconds(2).toMillis()) == null) {
                    return;
                }
                session.recover();
            }
        }
    }

    @Test
    void aMessageDeliveredOftenIsSaidBeforeTheBrokerGivesItUp() throws Exception {
        EmbeddedBroker server = closer.keep(EmbeddedBroker.start(dir));
        send(server, 0, 1, 5);
        Receiver receiver = closer.keep(Receiver.start().answering(n -> Answer.status(503)));
        LogCapture logs = closer.keep(LogCapture.start());
        // as deliverers dying with it unacknowledged (a crash loop while the receiver is down) would
        deliverAndGiveBack(server, BatchReader.REDELIVERIES_SAID - 1);

        try (Deliverer deliverer = deliverer(receiver, Broker.artemis(BrokerConfig.at(server.url())))) {
            Polling.await("delivery tried", WAIT, () -> receiver.attempts() > 0);
            List<String> said = logs.containing("RN-347");
            assertEquals(1, said.size(), "said at the 5th delivery");
            assertTrue(said.get(0).contains("delivered 5 times") && said.get(0).contains("max-delivery-attempts to -1 for "
                    + QUEUE), said.get(0));
        }
        // what it is said for: with Artemis's defaults (no dead-letter address here) the message is then gone
        deliverAndGiveBack(server, 10);
        Polling.await("the broker gave the message up at its 10th delivery", WAIT,
                () -> server.messageCount(QUEUE) == 0);
    }
}
