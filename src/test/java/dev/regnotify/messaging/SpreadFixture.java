package dev.regnotify.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * Several delivering instances in one JVM, as separate registry processes would be: each its own membership and its
 * own queues and endpoints for the same endpoints, sending to one receiver per endpoint with a header that names the
 * instance. One producer forwards numbered events to each endpoint's queue.
 */
final class SpreadFixture implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    // how long a closing instance drains, as draintimeout would
    private static final Duration DRAIN = Duration.ofSeconds(10);

    /** A delivering instance: closed as DeliveryAssembly closes one, endpoints first, then the membership. */
    static final class Instance implements AutoCloseable {
        final int number;
        final Membership membership;
        final List<Endpoint> endpoints = new ArrayList<>();
        final List<BrokerQueue> queues = new ArrayList<>();
        private boolean closed;

        Instance(int number, Membership membership) {
            this.number = number;
            this.membership = membership;
        }

        /** @return how many endpoints it consumes now */
        int consuming() {
            return (int) queues.stream().filter(BrokerQueue::consuming).count();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            endpoints.forEach(endpoint -> endpoint.close(DRAIN));
            queues.forEach(BrokerQueue::disconnectWhenStopped);
            if (membership != null) {
                membership.close();
            }
        }
    }

    final EmbeddedBroker server;
    final Broker broker;
    final List<Receiver> receivers = new ArrayList<>();
    final List<EndpointConfig> endpoints = new ArrayList<>();
    final List<Endpoint> forwarders = new ArrayList<>();
    final List<Instance> instances = new ArrayList<>();
    private final Closer closer = new Closer();

    /**
     * @param server the broker
     * @param count how many endpoints
     * @param receiverDelay how long each receiver takes to answer, so that envelopes are in flight when things change
     */
    SpreadFixture(EmbeddedBroker server, int count, Duration receiverDelay) {
        this.server = server;
        this.broker = Broker.artemis(BrokerConfig.at(server.url()));
        for (int e = 0; e < count; e++) {
            Receiver receiver = keep(Receiver.start().answering(attempt -> Receiver.Answer.after(receiverDelay)));
            EndpointConfig endpoint = EndpointConfig.of("hook-" + e, receiver.url())
                    .withRetry(Duration.ofSeconds(5), 3, Duration.ofMillis(20)).withBatch(new BatchConfig(20, 1 << 20));
            receivers.add(receiver);
            endpoints.add(endpoint);
            Endpoint forwarder = BrokerEndpoints.forwarder(endpoint, new InMemoryQueue(100_000), broker,
                    Executors.defaultThreadFactory(), null, DeliveryListener.NONE);
            keep(() -> forwarder.close(Duration.ZERO));
            forwarders.add(forwarder);
        }
    }

    /** @return {@code resource}, closed with the fixture, before anything kept earlier */
    <T extends AutoCloseable> T keep(T resource) {
        return closer.keep(resource);
    }

    /** @return a started instance delivering every endpoint through that broker, sharing them out */
    Instance instance(Broker through) {
        return instance(through, new Membership(through, Executors.defaultThreadFactory(), Membership.PERIOD));
    }

    /** @return a started instance delivering every endpoint, with that membership (null: no spreading) */
    Instance instance(Broker through, Membership membership) {
        Instance instance = new Instance(instances.size(), membership);
        for (EndpointConfig config : endpoints) {
            EndpointConfig endpoint = config.withHeaders(Map.of("X-Deliverer",
                    List.of(Integer.toString(instance.number))));
            BrokerQueue queue = new BrokerQueue(through, endpoint.name(), Duration.ofMillis(200), membership);
            instance.queues.add(queue);
            instance.endpoints.add(Endpoint.start(endpoint, new DistributionFormat(endpoint.format(),
                    new NotificationFactory(null, false)), queue, Executors.defaultThreadFactory(), null,
                    DeliveryListener.NONE));
        }
        instances.add(instance);
        keep(instance);
        return instance;
    }

    /** Forwards events {@code from} to {@code toExclusive} to every endpoint. */
    void offer(int from, int toExclusive) {
        for (Endpoint forwarder : forwarders) {
            for (int n = from; n < toExclusive; n++) {
                forwarder.offer(Notifications.numbered(n));
            }
        }
    }

    /**
     * Waits until each endpoint is consumed by exactly one of the instances and they consume so many each (in any
     * order), their memberships spreading.
     */
    void awaitSpread(List<Instance> live, Integer... loads) {
        awaitSpread(live, WAIT, loads);
    }

    /** As {@link #awaitSpread(List, Integer...)}, waiting that long at most. */
    void awaitSpread(List<Instance> live, Duration wait, Integer... loads) {
        List<Integer> expected = List.of(loads).stream().sorted().toList();
        await("endpoints spread " + expected + " over the instances", wait, () -> live.stream()
                .allMatch(i -> i.membership.spreading() && i.membership.peers() == live.size() - 1)
                && live.stream().map(Instance::consuming).sorted().toList().equals(expected)
                && IntStream.range(0, endpoints.size()).allMatch(e -> live.stream()
                        .filter(i -> i.queues.get(e).consuming()).count() == 1));
    }

    /** @return each instance's queues (consuming or not), and its endpoints' pending and successes, for a failure */
    String state() {
        StringBuilder state = new StringBuilder();
        for (Instance instance : instances) {
            Membership membership = instance.membership;
            state.append(" instance ").append(instance.number).append(membership == null ? "" : " ("
                    + membership.id().substring(0, 8) + ", " + membership.peers() + " peers, spreading "
                    + membership.spreading() + ", mine " + membership.turns().mine() + ", taken "
                    + membership.turns().taken() + ")").append(':');
            for (int e = 0; e < endpoints.size(); e++) {
                state.append(" hook-").append(e).append(instance.queues.get(e).consuming() ? " consuming" : "")
                        .append(" pending ").append(instance.endpoints.get(e).metrics().getPending())
                        .append(" successes ").append(instance.endpoints.get(e).metrics().getSuccesses()).append(';');
            }
        }
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("regnotify-deliverers")) {
                state.append(" thread ").append(thread.getName()).append(" at ").append(java.util.Arrays.stream(stack)
                        .limit(12).map(String::valueOf).collect(java.util.stream.Collectors.joining(" < ")));
            }
        });
        return state.toString();
    }

    /** Waits as {@link Polling#await} does; a time-out says where every instance stands. */
    void await(String what, java.util.function.BooleanSupplier condition) {
        await(what, WAIT, condition);
    }

    private void await(String what, Duration wait, java.util.function.BooleanSupplier condition) {
        try {
            Polling.await(what, wait, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ";" + state(), e);
        }
    }

    /** @return which instances delivered the endpoint's accepted envelopes, in order of first delivery */
    List<String> deliverers(int endpoint) {
        return receivers.get(endpoint).requests().stream().filter(r -> r.status() / 100 == 2)
                .map(r -> r.header("X-Deliverer")).distinct().toList();
    }

    /**
     * @return the endpoint's accepted envelopes in the order they came, as runs of one deliverer each with their first
     *         and last event ids: which instance had which events, for a failure
     */
    String history(int endpoint) {
        StringBuilder history = new StringBuilder();
        String deliverer = null;
        String first = null;
        String last = null;
        int envelopes = 0;
        for (Receiver.Request request : receivers.get(endpoint).requests()) {
            List<jakarta.json.JsonObject> events = request.events();
            if (request.status() / 100 != 2 || events.isEmpty()) {
                continue;
            }
            String from = request.header("X-Deliverer");
            if (!from.equals(deliverer)) {
                if (deliverer != null) {
                    history.append(deliverer).append(": ").append(first).append("..").append(last).append(" (")
                            .append(envelopes).append(" envelopes); ");
                }
                deliverer = from;
                first = events.get(0).getString("id");
                envelopes = 0;
            }
            last = events.get(events.size() - 1).getString("id");
            envelopes++;
        }
        return deliverer == null ? "nothing" : history.append(deliverer).append(": ").append(first).append("..")
                .append(last).append(" (").append(envelopes).append(" envelopes)").toString();
    }

    /** Waits until every endpoint has events 0 to n, and checks they came once each, in order. */
    void awaitOnceEachInOrder(int n) {
        for (int e = 0; e < receivers.size(); e++) {
            Receiver receiver = receivers.get(e);
            receiver.awaitAccepted(n, WAIT);
            List<String> ids = receiver.acceptedEvents().stream().map(event -> event.getString("id")).toList();
            if (!ids.equals(Notifications.ids(0, n))) {
                throw new AssertionError("endpoint " + e + ": not once each in order: " + firstDifference(ids, n)
                        + "; deliverers " + deliverers(e) + "; who delivered what, in order: " + history(e));
            }
        }
    }

    /**
     * Waits until every endpoint has events 0 to n, and checks that, repeats aside (a deliverer that dies has its
     * unacknowledged messages delivered again), each came first after the one before it.
     */
    void awaitAllInOrder(int n) {
        for (int e = 0; e < receivers.size(); e++) {
            Receiver receiver = receivers.get(e);
            receiver.awaitAccepted(n, WAIT);
            List<String> ids = receiver.acceptedEvents().stream().map(event -> event.getString("id")).toList();
            int endpoint = e;
            assertEquals(Notifications.ids(0, n), List.copyOf(new LinkedHashSet<>(ids)), () -> "endpoint " + endpoint
                    + ": nothing lost, in order; who delivered what, in order: " + history(endpoint));
        }
    }

    /** @return where the ids first differ from 0 to n, with a few around it, for a failure's message */
    private static String firstDifference(List<String> ids, int n) {
        List<String> expected = Notifications.ids(0, n);
        int i = 0;
        while (i < Math.min(ids.size(), n) && ids.get(i).equals(expected.get(i))) {
            i++;
        }
        return ids.size() + " events, " + new LinkedHashSet<>(ids).size() + " distinct; from position " + i + ": "
                + ids.subList(i, Math.min(ids.size(), i + 8)) + " where " + expected.subList(Math.min(i, n),
                Math.min(n, i + 8)) + " was expected";
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}
