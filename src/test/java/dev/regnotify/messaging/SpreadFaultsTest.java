package dev.regnotify.messaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.BrokerConfig;
import dev.regnotify.messaging.SpreadFixture.Instance;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.TcpProxy;

/**
 * The faults a handover can meet, each with events flowing: members that disagree for a while, a member that dies
 * in the middle of handing an endpoint over, a member whose heartbeats stop while its queues go on, a broker restart.
 * Whatever happens, nothing is lost and each endpoint's events come first in order (repeats aside, where a member
 * dies or a connection breaks: docs/distributed.md).
 */
class SpreadFaultsTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private SpreadFixture fixture(Duration receiverDelay) throws Exception {
        EmbeddedBroker server = EmbeddedBroker.startWithoutDeliveryLimit(dir, "regnotify.#");
        SpreadFixture fixture = closer.keep(new SpreadFixture(server, 3, receiverDelay));
        fixture.keep(server);
        return fixture;
    }

    /**
     * A member that cannot hear one peer for a while (its heartbeats lost on the way to it alone) thinks it is alone
     * and opens every consumer, while the peer, which hears it, gives them up: consumers of one endpoint overlap, and
     * the one holding the group closes while the other receives.
     */
    @Test
    void membersThatDisagreeForAWhileKeepEveryEndpointsOrder() throws Exception {
        SpreadFixture spread = fixture(Duration.ofMillis(2));
        Instance heard = spread.instance(spread.broker);
        spread.awaitSpread(List.of(heard), 3);
        spread.offer(0, 1000);
        Polling.await("every endpoint delivers", SpreadFixture.WAIT,
                () -> spread.receivers.stream().allMatch(receiver -> receiver.acceptedIds().size() >= 100));
        Set<String> unheard = ConcurrentHashMap.newKeySet();
        unheard.add(heard.membership.id());
        Broker deaf = new Broker(deafTo(unheard, new ActiveMQConnectionFactory(spread.server.url())),
                BrokerConfig.at(spread.server.url()));
        Instance deafOne = spread.instance(spread.broker, new Membership(deaf, Executors.defaultThreadFactory(),
                Membership.PERIOD));
        spread.offer(1000, 2000);
        Polling.await("the deaf one consumes every endpoint", SpreadFixture.WAIT, () -> deafOne.consuming() == 3);
        spread.offer(2000, 3000);
        unheard.clear();
        spread.offer(3000, 4000);
        spread.awaitSpread(List.of(heard, deafOne), 2, 1);
        spread.offer(4000, 5000);
        spread.awaitOnceEachInOrder(5000);
    }

    /**
     * A member dies in the middle of a handover: it was told to give an endpoint up (a third joined) while its
     * receiver held an envelope, so it had received and not acknowledged; its connections break. The newcomer takes
     * the endpoint once the dead member expires, from the oldest message not acknowledged.
     */
    @Test
    void aMemberThatDiesWhileHandingOverLosesNothing() throws Exception {
        SpreadFixture spread = fixture(Duration.ofMillis(2));
        TcpProxy path = spread.keep(TcpProxy.to(spread.server.port()));
        Broker throughPath = Broker.artemis(BrokerConfig.at("tcp://127.0.0.1:" + path.port()));
        Instance dying = spread.instance(throughPath);
        Instance other = spread.instance(spread.broker);
        spread.awaitSpread(List.of(dying, other), 2, 1);
        int held = IntStream.range(0, 3).filter(e -> dying.queues.get(e).consuming()).findFirst().orElseThrow();
        spread.offer(0, 500);
        Polling.await("the dying one delivers", SpreadFixture.WAIT,
                () -> spread.receivers.get(held).acceptedIds().size() >= 100);
        Receiver stuck = spread.receivers.get(held);
        stuck.answering(attempt -> Receiver.Answer.hangThen(200));
        spread.offer(500, 1000);
        spread.await("an envelope of the dying one hangs at endpoint " + held,
                () -> dying.endpoints.get(held).metrics().getPending() > 0);
        Instance third = spread.instance(spread.broker);
        Polling.await("the dying one was told to give endpoints up", SpreadFixture.WAIT,
                () -> dying.membership.peers() == 2 && dying.membership.spreading());
        path.close();
        stuck.release();
        stuck.answering(attempt -> Receiver.Answer.status(200));
        spread.offer(1000, 1500);
        spread.awaitSpread(List.of(other, third), 2, 1);
        spread.awaitAllInOrder(1500);
    }

    /**
     * A member whose heartbeats stop (its connection to the topic is cut) while its queues go on consuming: the others
     * count it gone after the expiry, but wait for its consumer, which the broker still gives the group to; nothing
     * stalls, and when it is heard again the endpoints are shared out again. An attempt to reconnect made while the
     * path refuses may wait out Artemis's call timeout (30 s) before the next one succeeds: the last wait is longer.
     */
    @Test
    void aMemberWhoseHeartbeatsStopWhileItConsumesStallsNothing() throws Exception {
        SpreadFixture spread = fixture(Duration.ofMillis(2));
        TcpProxy topicPath = spread.keep(TcpProxy.to(spread.server.port()));
        Broker topicOnly = Broker.artemis(BrokerConfig.at("tcp://127.0.0.1:" + topicPath.port()));
        Instance silent = spread.instance(spread.broker, new Membership(topicOnly, Executors.defaultThreadFactory(),
                Membership.PERIOD));
        Instance other = spread.instance(spread.broker);
        spread.awaitSpread(List.of(silent, other), 2, 1);
        spread.offer(0, 1000);
        topicPath.cutAndRefuse();
        spread.offer(1000, 2000);
        Polling.await("the other counts it gone", SpreadFixture.WAIT, () -> other.membership.peers() == 0);
        spread.offer(2000, 3000);
        spread.awaitOnceEachInOrder(3000);
        topicPath.accept();
        spread.awaitSpread(List.of(silent, other), Duration.ofSeconds(60), 2, 1);
        spread.offer(3000, 4000);
        spread.awaitOnceEachInOrder(4000);
    }

    /**
     * The broker restarts: every connection, the topic's and the queues', is lost at once. The members keep their
     * view through a short outage, come back to share the endpoints out as before, and nothing is lost.
     */
    @Test
    void aBrokerRestartLosesNothingAndTheEndpointsAreSharedOutAgain() throws Exception {
        SpreadFixture spread = fixture(Duration.ofMillis(2));
        List<Instance> two = List.of(spread.instance(spread.broker), spread.instance(spread.broker));
        spread.awaitSpread(two, 2, 1);
        spread.offer(0, 1000);
        Polling.await("every endpoint delivers", SpreadFixture.WAIT,
                () -> spread.receivers.stream().allMatch(receiver -> receiver.acceptedIds().size() >= 100));
        spread.server.stop();
        spread.offer(1000, 2000);
        spread.server.restart();
        spread.offer(2000, 3000);
        spread.awaitSpread(two, 2, 1);
        spread.offer(3000, 4000);
        spread.awaitAllInOrder(4000);
        assertTrue(two.stream().allMatch(instance -> instance.membership.spreading()));
    }

    /** Artemis's factory, whose consumers drop the heartbeats of the members named, as if lost on the way. */
    private static ConnectionFactory deafTo(Set<String> unheard, ConnectionFactory artemis) {
        return delegate(ConnectionFactory.class, (method, args) -> {
            Object result = method.invoke(artemis, args);
            return result instanceof Connection connection ? deafTo(unheard, connection) : result;
        });
    }

    private static Connection deafTo(Set<String> unheard, Connection artemis) {
        return delegate(Connection.class, (method, args) -> {
            Object result = method.invoke(artemis, args);
            return result instanceof Session session ? deafTo(unheard, session) : result;
        });
    }

    private static Session deafTo(Set<String> unheard, Session artemis) {
        return delegate(Session.class, (method, args) -> {
            Object result = method.invoke(artemis, args);
            return result instanceof MessageConsumer consumer ? deafTo(unheard, consumer) : result;
        });
    }

    private static MessageConsumer deafTo(Set<String> unheard, MessageConsumer artemis) {
        return delegate(MessageConsumer.class, (method, args) -> {
            Object result = method.invoke(artemis, args);
            if (result instanceof BytesMessage message) {
                Heartbeat beat = Heartbeat.of(message);
                message.reset(); // for the member to read it again
                if (beat != null && unheard.contains(beat.member())) {
                    return null; // lost on the way: the member waits for the next
                }
            }
            return result;
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
}
