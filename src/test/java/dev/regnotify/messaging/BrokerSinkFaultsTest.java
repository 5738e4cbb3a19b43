package dev.regnotify.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.AttemptListener;
import dev.regnotify.delivery.DeliveryException;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.Envelope;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.TcpProxy;

/**
 * A forwarder's sink whose connection to the broker breaks at the worst moment: the broker committed the
 * transaction, and its answer is lost with the connection (a TCP proxy between the two loses it, then cuts).
 */
class BrokerSinkFaultsTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private record Setup(EmbeddedBroker server, TcpProxy proxy, Broker broker, BrokerSink sink) {
    }

    private Setup setUp() throws Exception {
        EmbeddedBroker server = closer.keep(EmbeddedBroker.start(dir));
        TcpProxy proxy = closer.keep(TcpProxy.to(server.port()));
        Broker broker = Broker.artemis(BrokerConfig.at("tcp://127.0.0.1:" + proxy.port()));
        BrokerSink sink = new BrokerSink(broker, "hook", AttemptListener.NONE);
        closer.keep(sink::close);
        return new Setup(server, proxy, broker, sink);
    }

    /**
     * Sends the envelope while the broker's answers are lost, and cuts the connection once the broker committed; the
     * send fails, unless the commit's answer slipped through first.
     */
    private static void sendAndLoseTheAnswer(Setup setup, Envelope envelope, long messagesAfter) {
        String queue = setup.broker().queueName("hook");
        setup.proxy().loseRepliesOnce(() -> setup.server().messageCount(queue) == messagesAfter);
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                setup.sink().send(envelope);
            } catch (DeliveryException e) {
                throw new CompletionException(e);
            }
        });
        try {
            Polling.await("the broker committed", () -> setup.server().messageCount(queue) == messagesAfter);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + setup.server().messageCount(queue) + " messages");
        }
        setup.proxy().cut();
        try {
            sending.join();
            // the answer passed before the proxy began to lose them (the broker answers as it counts): the send
            // succeeded, and sending the same envelope again must still keep each event once
        } catch (CompletionException failed) {
            assertEquals(DeliveryException.class, failed.getCause().getClass());
        }
    }

    @Test
    void aCommitWhoseAnswerWasLostIsKeptOnceWhenSentAgain() throws Exception {
        Setup setup = setUp();
        List<byte[]> records = HookQueue.records(700);
        setup.sink().send(HookQueue.batch(records.subList(0, 1))); // connected
        Envelope envelope = HookQueue.batch(records.subList(1, 700));
        sendAndLoseTheAnswer(setup, envelope, 4);
        setup.sink().send(envelope);
        assertEquals(Notifications.ids(0, 700), HookQueue.ids(setup.broker()), "each once, in order");
    }

    /** The answer lost is that of the second message's own transaction, sent one by one after a refused batch. */
    @Test
    void aFailureInTheMiddleOfTheMessageByMessageFallbackRepeatsNothing() throws Exception {
        Setup setup = setUp();
        List<byte[]> records = HookQueue.records(700);
        setup.sink().send(HookQueue.batch(records.subList(0, 300))); // the broker has the first message
        Envelope envelope = HookQueue.batch(records);
        sendAndLoseTheAnswer(setup, envelope, 2);
        setup.sink().send(envelope);
        assertEquals(Notifications.ids(0, 700), HookQueue.ids(setup.broker()), "each once, in order");
    }

    @Test
    void anEventLargerThanAMessageIsKeptOnceWhenSentAgain() throws Exception {
        Setup setup = setUp();
        List<byte[]> records = HookQueue.records(3);
        records.set(1, withExtension(records.get(1), 200 << 10)); // a large message for Artemis
        setup.sink().send(HookQueue.batch(records.subList(0, 1)));
        Envelope envelope = HookQueue.batch(records.subList(1, 3));
        sendAndLoseTheAnswer(setup, envelope, 3);
        setup.sink().send(envelope);
        assertEquals(Notifications.ids(0, 3), HookQueue.ids(setup.broker()), "each once, in order");
    }

    /**
     * A forwarder closed while its commit waits for an answer that will not come (the broker went silent) ends within
     * its drain and its stop's grace, not after the client's call timeout (30 s): neither the commit nor a close of
     * the connection, which asks the broker too, keeps it waiting.
     */
    @Test
    void aForwarderClosedWhileItsCommitWaitsForASilentBrokerEndsAtOnce() throws Exception {
        Setup setup = setUp();
        InMemoryQueue local = new InMemoryQueue(100);
        Endpoint forwarder = forwardedOnce(setup, local);
        setup.proxy().loseRepliesOnce(() -> true);
        forwarder.offer(Notifications.numbered(1));
        String queue = setup.broker().queueName("hook");
        Polling.await("the broker committed the second", () -> setup.server().messageCount(queue) == 2);
        assertEquals(1L, closedWithoutStall(forwarder), "the event whose answer never came stays in its queue");
    }

    /** The same with nothing in flight: closing the connection asks the broker, and no answer comes. */
    @Test
    void anIdleForwarderClosedWhileTheBrokerIsSilentEndsAtOnce() throws Exception {
        Setup setup = setUp();
        InMemoryQueue local = new InMemoryQueue(100);
        Endpoint forwarder = forwardedOnce(setup, local);
        setup.proxy().loseRepliesOnce(() -> true);
        assertEquals(0L, closedWithoutStall(forwarder));
    }

    /** @return a forwarder of {@code hook} that forwarded one event, which its local queue let go */
    private static Endpoint forwardedOnce(Setup setup, InMemoryQueue local) {
        Endpoint forwarder = BrokerEndpoints.forwarder(EndpointConfig.of("hook", URI.create("http://127.0.0.1:9/")),
                local, setup.broker(), Executors.defaultThreadFactory(), null, DeliveryListener.NONE);
        forwarder.offer(Notifications.numbered(0));
        Polling.await("the first event forwarded and let go", () -> local.pending() == 0);
        return forwarder;
    }

    /** @return what the forwarder left in its queue, once closed well within the client's call timeout (30 s) */
    private static long closedWithoutStall(Endpoint forwarder) {
        long started = System.nanoTime();
        long left = forwarder.close(Duration.ofMillis(100));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "closed in " + took + ": a stall, not a slow close");
        return left;
    }

    /** A record with a later release's extension of that many bytes, which this release skips. */
    private static byte[] withExtension(byte[] record, int size) {
        byte[] extended = Arrays.copyOf(record, record.length + 1 + 3 + size);
        int at = record.length;
        extended[at++] = (byte) 0x7F;
        extended[at++] = (byte) (0x80 | (size & 0x7F));
        extended[at++] = (byte) (0x80 | ((size >>> 7) & 0x7F));
        extended[at] = (byte) (size >>> 14);
        return extended;
    }

}
