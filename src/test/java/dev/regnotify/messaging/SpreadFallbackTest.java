package dev.regnotify.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.BrokerConfig;
import dev.regnotify.messaging.SpreadFixture.Instance;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Polling;

/**
 * Membership that cannot run never stalls an endpoint: the deliverers consume every endpoint as before spreading
 * existed (the message group giving each to one of them), say so once, and share the endpoints out again when the
 * topic is allowed.
 */
class SpreadFallbackTest {

    private static final String TOPIC = "regnotify." + BrokerConfig.DELIVERERS;

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();
    private final LogCapture log = closer.keep(LogCapture.start()); // kept first, so closed after the fixture

    private SpreadFixture refusingTopic() throws Exception {
        EmbeddedBroker server = EmbeddedBroker.startRefusing(dir, TOPIC);
        SpreadFixture fixture = closer.keep(new SpreadFixture(server, 3, Duration.ofMillis(1)));
        fixture.keep(server);
        return fixture;
    }

    private List<String> fallbacks() {
        return log.containing("RN-349").stream().filter(line -> line.startsWith("WARNING")).toList();
    }

    @Test
    void aBrokerThatRefusesTheTopicLeavesEveryEndpointConsumedAsBefore() throws Exception {
        SpreadFixture spread = refusingTopic();
        List<Instance> two = List.of(spread.instance(spread.broker), spread.instance(spread.broker));
        Polling.await("both say they cannot spread", SpreadFixture.WAIT, () -> fallbacks().size() == 2);
        assertTrue(fallbacks().get(0).contains("regnotify.$deliverers cannot be subscribed to"), fallbacks().get(0));
        Polling.await("both consume every endpoint", SpreadFixture.WAIT,
                () -> two.stream().allMatch(instance -> instance.consuming() == 3));
        spread.offer(0, 500);
        spread.awaitOnceEachInOrder(500);
        IntStream.range(0, 3).forEach(e -> assertEquals(1, spread.deliverers(e).size(), "the group gives each "
                + "endpoint to one: " + spread.deliverers(e)));
        two.forEach(instance -> assertFalse(instance.membership.spreading()));
        assertEquals(2, fallbacks().size(), "said once each, though they keep trying: " + fallbacks());
    }

    @Test
    void spreadingResumesWhenTheTopicIsAllowed() throws Exception {
        SpreadFixture spread = refusingTopic();
        List<Instance> two = List.of(spread.instance(spread.broker), spread.instance(spread.broker));
        Polling.await("both consume every endpoint", SpreadFixture.WAIT,
                () -> two.stream().allMatch(instance -> instance.consuming() == 3));
        spread.offer(0, 1000);
        Polling.await("every endpoint delivers", SpreadFixture.WAIT,
                () -> spread.receivers.stream().allMatch(receiver -> receiver.acceptedIds().size() >= 100));
        spread.server.allowRefused();
        spread.offer(1000, 2000);
        spread.awaitSpread(two, 2, 1);
        spread.offer(2000, 3000);
        spread.awaitOnceEachInOrder(3000);
        assertEquals(2, log.containing("RN-349").stream().filter(line -> line.startsWith("INFO")).count(),
                "both say they spread again: " + log.containing("RN-349"));
    }

    /**
     * One deliverer whose membership cannot run (its client refuses topics) beside one whose can: the first consumes
     * everything, the second, alone in its view, too; the group gives each endpoint to one of them.
     */
    @Test
    void aDelivererWithoutMembershipBesideOneWithIt() throws Exception {
        EmbeddedBroker server = EmbeddedBroker.startWithoutDeliveryLimit(dir, "regnotify.#");
        SpreadFixture fixture = closer.keep(new SpreadFixture(server, 3, Duration.ofMillis(1)));
        fixture.keep(server);
        Broker noTopics = new Broker(refusingTopics(new ActiveMQConnectionFactory(server.url())),
                BrokerConfig.at(server.url()));
        Instance without = fixture.instance(fixture.broker, new Membership(noTopics,
                Executors.defaultThreadFactory(), Membership.PERIOD));
        Instance with = fixture.instance(fixture.broker);
        Polling.await("both consume every endpoint", SpreadFixture.WAIT,
                () -> without.consuming() == 3 && with.consuming() == 3 && with.membership.spreading());
        fixture.offer(0, 1000);
        fixture.awaitOnceEachInOrder(1000);
        assertFalse(without.membership.spreading());
    }

    /** Artemis's factory, whose sessions refuse topics, as a server's that has none declared. */
    private static ConnectionFactory refusingTopics(ConnectionFactory artemis) {
        return delegate(ConnectionFactory.class, (method, args) -> {
            Object result = method.invoke(artemis, args);
            return result instanceof Connection connection ? refusingTopics(connection) : result;
        });
    }

    private static Connection refusingTopics(Connection artemis) {
        return delegate(Connection.class, (method, args) -> {
            Object result = method.invoke(artemis, args);
            return result instanceof Session session ? refusingTopics(session) : result;
        });
    }

    private static Session refusingTopics(Session artemis) {
        return delegate(Session.class, (method, args) -> {
            if (method.getName().equals("createTopic")) {
                throw new JMSException("no topic " + args[0] + " is declared here");
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
}
