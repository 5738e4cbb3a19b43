package dev.regnotify.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.regnotify.config.BrokerConfig;
import dev.regnotify.messaging.SpreadFixture.Instance;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.TcpProxy;

/**
 * Delivering instances share three endpoints out through their memberships: one each for three, two and one for two,
 * and when one stops, vanishes or joins, the endpoints it had or gets are handed over with nothing lost and in order.
 */
class SpreadDeliveryTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private SpreadFixture fixture(boolean rebalance) throws Exception {
        EmbeddedBroker server = rebalance ? EmbeddedBroker.startForScaleOut(dir, "regnotify.#")
                : EmbeddedBroker.startWithoutDeliveryLimit(dir, "regnotify.#");
        SpreadFixture fixture = closer.keep(new SpreadFixture(server, 3, Duration.ofMillis(2)));
        fixture.keep(server);
        return fixture;
    }

    @Test
    void threeDeliverersDeliverOneEndpointEach() throws Exception {
        SpreadFixture spread = fixture(false);
        List<Instance> three = List.of(spread.instance(spread.broker), spread.instance(spread.broker),
                spread.instance(spread.broker));
        spread.awaitSpread(three, 1, 1, 1);
        spread.offer(0, 1000);
        spread.awaitOnceEachInOrder(1000);
        List<List<String>> deliverers = IntStream.range(0, 3).mapToObj(spread::deliverers).toList();
        deliverers.forEach(one -> assertEquals(1, one.size(), "one instance per endpoint: " + deliverers));
        assertEquals(List.of("0", "1", "2"), deliverers.stream().map(one -> one.get(0)).sorted().toList(),
                "one endpoint per instance: " + deliverers);
    }

    @Test
    void twoDeliverersShareThreeEndpointsTwoAndOne() throws Exception {
        SpreadFixture spread = fixture(false);
        List<Instance> two = List.of(spread.instance(spread.broker), spread.instance(spread.broker));
        spread.awaitSpread(two, 2, 1);
        spread.offer(0, 500);
        spread.awaitOnceEachInOrder(500);
        List<String> first = IntStream.range(0, 3).mapToObj(e -> spread.deliverers(e).get(0)).sorted().toList();
        assertTrue(first.equals(List.of("0", "0", "1")) || first.equals(List.of("0", "1", "1")), first.toString());
    }

    /** A clean close: the endpoint drains what it received, the member says it leaves, another takes over at once. */
    @Test
    void aDelivererThatStopsHandsItsEndpointToAnother() throws Exception {
        SpreadFixture spread = fixture(false);
        List<Instance> three = List.of(spread.instance(spread.broker), spread.instance(spread.broker),
                spread.instance(spread.broker));
        spread.awaitSpread(three, 1, 1, 1);
        Instance leaving = three.get(1);
        int endpoint = IntStream.range(0, 3).filter(e -> leaving.queues.get(e).consuming()).findFirst().orElseThrow();
        spread.offer(0, 1000);
        Polling.await("the leaving instance delivers", SpreadFixture.WAIT,
                () -> spread.receivers.get(endpoint).acceptedIds().size() >= 100);
        leaving.close();
        spread.offer(1000, 2000);
        spread.awaitOnceEachInOrder(2000);
        List<Instance> left = List.of(three.get(0), three.get(2));
        spread.awaitSpread(left, 2, 1);
        assertEquals(2, spread.deliverers(endpoint).size(), "taken over: " + spread.deliverers(endpoint));
        assertEquals("1", spread.deliverers(endpoint).get(0));
    }

    /**
     * An instance whose connections all break at once, with no word to the others (a crash, a network cut): after
     * the expiry the others deal its endpoint out, and the broker, which gave its unacknowledged messages back, gives
     * them to the one that took it.
     */
    @Test
    void aDelivererThatVanishesIsReplacedAfterTheExpiry() throws Exception {
        SpreadFixture spread = fixture(false);
        TcpProxy path = spread.keep(TcpProxy.to(spread.server.port()));
        Broker throughPath = Broker.artemis(BrokerConfig.at("tcp://127.0.0.1:" + path.port()));
        Instance vanishing = spread.instance(throughPath);
        List<Instance> others = List.of(spread.instance(spread.broker), spread.instance(spread.broker));
        spread.awaitSpread(List.of(vanishing, others.get(0), others.get(1)), 1, 1, 1);
        int endpoint = IntStream.range(0, 3).filter(e -> vanishing.queues.get(e).consuming()).findFirst()
                .orElseThrow();
        spread.offer(0, 1000);
        Polling.await("the vanishing instance delivers", SpreadFixture.WAIT,
                () -> spread.receivers.get(endpoint).acceptedIds().size() >= 100);
        path.close(); // no new connection either: it is gone
        long cut = System.nanoTime();
        spread.offer(1000, 2000);
        spread.awaitSpread(others, 2, 1);
        long takenOver = System.nanoTime() - cut;
        spread.awaitAllInOrder(2000);
        assertEquals("0", spread.deliverers(endpoint).get(0));
        assertTrue(spread.deliverers(endpoint).size() == 2, "taken over: " + spread.deliverers(endpoint));
        assertTrue(takenOver >= Duration.ofSeconds(2).toNanos(), "not before the expiry: " + takenOver / 1_000_000
                + " ms");
    }

    /**
     * A third instance joins two that hold two endpoints and one: the one with two hands one over while events flow,
     * having delivered and acknowledged what it received; the broker, with or without its group rebalance, gives the
     * rest to the newcomer in order.
     */
    @ParameterizedTest(name = "group rebalance {0}")
    @ValueSource(booleans = {false, true})
    void aThirdDelivererJoiningTakesAnEndpointInOrder(boolean rebalance) throws Exception {
        SpreadFixture spread = fixture(rebalance);
        List<Instance> two = List.of(spread.instance(spread.broker), spread.instance(spread.broker));
        spread.awaitSpread(two, 2, 1);
        spread.offer(0, 1500);
        Polling.await("every endpoint delivers", SpreadFixture.WAIT,
                () -> spread.receivers.stream().allMatch(receiver -> receiver.acceptedIds().size() >= 100));
        Instance third = spread.instance(spread.broker);
        spread.offer(1500, 3000);
        spread.awaitSpread(List.of(two.get(0), two.get(1), third), 1, 1, 1);
        spread.offer(3000, 4000);
        spread.awaitOnceEachInOrder(4000);
        int taken = IntStream.range(0, 3).filter(e -> third.queues.get(e).consuming()).findFirst().orElseThrow();
        assertEquals("2", spread.deliverers(taken).get(spread.deliverers(taken).size() - 1),
                "the newcomer delivers it: " + spread.deliverers(taken));
    }
}
