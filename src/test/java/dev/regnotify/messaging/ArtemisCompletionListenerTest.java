package dev.regnotify.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.testing.Closer;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.TcpProxy;

/**
 * What Artemis's client does with Jakarta Messaging's asynchronous send, which a forwarder could use instead of its
 * transactions (docs/performance.md measured both): its completion listener means "the broker stored the message"
 * only with {@code confirmationWindowSize} set, which a server's connection factory may not have. Why the forwarder
 * keeps its transactions, whose commit answers only once the broker stored them, whatever the factory.
 */
class ArtemisCompletionListenerTest {

    private static final String QUEUE = "regnotify.completions";
    // the confirmations' window: without it, nothing waits for the broker
    private static final String CONFIRMED = "?confirmationWindowSize=1048576";

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    @Test
    void withoutAConfirmationWindowTheListenerIsToldOfCompletionThoughTheBrokerNeverAnswered() throws Exception {
        EmbeddedBroker server = closer.keep(EmbeddedBroker.start(dir));
        TcpProxy proxy = closer.keep(TcpProxy.to(server.port()));
        Sending sending = sending(new ActiveMQConnectionFactory("tcp://127.0.0.1:" + proxy.port()));
        sending.sendAndAwait(0);
        proxy.loseRepliesOnce(() -> true);
        Completions completions = new Completions(1);
        sending.send(1, completions);
        assertTrue(completions.completed.await(10, TimeUnit.SECONDS), "completed with no answer of the broker's");
        proxy.cut();
        // once the client knows, its close asks the broker nothing (else it would wait for the silent broker)
        assertTrue(sending.lost().await(10, TimeUnit.SECONDS), "the client saw its connection cut");
    }

    @Test
    void withAConfirmationWindowAMessageTheBrokerNeverConfirmedFails() throws Exception {
        EmbeddedBroker server = closer.keep(EmbeddedBroker.start(dir));
        TcpProxy proxy = closer.keep(TcpProxy.to(server.port()));
        Sending sending = sending(new ActiveMQConnectionFactory("tcp://127.0.0.1:" + proxy.port() + CONFIRMED));
        sending.sendAndAwait(0);
        proxy.loseRepliesOnce(() -> true);
        Completions completions = new Completions(1);
        sending.send(1, completions);
        proxy.cut();
        assertTrue(completions.failed.await(10, TimeUnit.SECONDS), "the lost connection fails the send");
        assertEquals(List.of(), completions.order, "never completed");
    }

    @Test
    void withAConfirmationWindowCompletionsComeInTheOrderSent() throws Exception {
        EmbeddedBroker server = closer.keep(EmbeddedBroker.start(dir));
        Sending sending = sending(new ActiveMQConnectionFactory(server.url() + CONFIRMED));
        int count = 200;
        Completions completions = new Completions(count);
        for (int i = 0; i < count; i++) {
            sending.send(i, completions);
        }
        assertTrue(completions.completed.await(30, TimeUnit.SECONDS), completions.completed.getCount()
                + " completions missing");
        assertEquals(IntStream.range(0, count).boxed().toList(), completions.order);
        assertEquals(count, server.messageCount(QUEUE));
    }

    private Sending sending(ActiveMQConnectionFactory factory) throws JMSException {
        Connection connection = closer.keep(factory.createConnection());
        CountDownLatch lost = new CountDownLatch(1);
        connection.setExceptionListener(e -> lost.countDown());
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        return new Sending(session, producer, lost);
    }

    /** A session's persistent producer, sending numbered messages asynchronously; lost once its connection is. */
    private record Sending(Session session, MessageProducer producer, CountDownLatch lost) {

        void send(int number, CompletionListener listener) throws JMSException {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(new byte[1024]);
            message.setIntProperty("number", number);
            producer.send(message, listener);
        }

        /** Sends one message and waits for its completion: the producer then holds credits for the next few. */
        void sendAndAwait(int number) throws JMSException, InterruptedException {
            Completions completions = new Completions(1);
            send(number, completions);
            assertTrue(completions.completed.await(10, TimeUnit.SECONDS), "the first message completed");
        }
    }

    /** Counts completions and failures down, noting the completed messages' numbers in the order told. */
    private static final class Completions implements CompletionListener {

        final CountDownLatch completed;
        final CountDownLatch failed;
        final List<Integer> order = new CopyOnWriteArrayList<>();

        Completions(int expected) {
            this.completed = new CountDownLatch(expected);
            this.failed = new CountDownLatch(expected);
        }

        @Override
        public void onCompletion(Message message) {
            try {
                order.add(message.getIntProperty("number"));
            } catch (JMSException e) {
                order.add(-1);
            }
            completed.countDown();
        }

        @Override
        public void onException(Message message, Exception exception) {
            failed.countDown();
        }
    }
}
