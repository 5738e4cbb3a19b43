package dev.regnotify.faults;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.Broadcaster;
import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.journal.Journal;
import dev.regnotify.messaging.Broker;
import dev.regnotify.messaging.BrokerEndpoints;
import dev.regnotify.messaging.BrokerQueue;
import dev.regnotify.wire.EnvelopeFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * A delivering instance of the broker leg (queue role {@code deliver}), put together as the library's CDI edge puts
 * one together: each endpoint's queue is its {@link BrokerQueue}, and with bounded retries a journal keeps the dead
 * letters, since the broker forgets a message once its events are delivered or dead (an instance without one is
 * refused, as {@link BrokerEndpoints#cannotDeliver} refuses it). Its requests name it in {@link ChaosReceiver#SENDER},
 * so that the checker tells its envelopes from the other instance's. Counts what its closes found.
 */
final class ChaosDeliverer {

    private final String name;
    private final ChaosPlan.Setup setup;
    private final Broker broker;
    private final Path directory;
    private final List<URI> urls;
    private final Map<String, Long> droppedByStopped = new HashMap<>();
    private final Map<String, List<DeadLetter>> deadLettersInMemory = new HashMap<>();
    private Journal journal;
    private List<BrokerQueue> queues = List.of();
    private Broadcaster endpoints;
    private int restarts;

    /**
     * @param name the instance's name, sent in {@link ChaosReceiver#SENDER}
     * @param broker the broker, as this instance reaches it
     * @param directory its journal's directory, if its retries are bounded
     * @param urls the receivers, one per endpoint
     */
    ChaosDeliverer(String name, ChaosPlan.Setup setup, Broker broker, Path directory, List<URI> urls) {
        this.name = name;
        this.setup = setup;
        this.broker = broker;
        this.directory = directory;
        this.urls = List.copyOf(urls);
        start();
    }

    private void start() {
        if (setup.retry().bounded()) {
            journal = Journal.open(setup.journal(directory), Executors.defaultThreadFactory());
        }
        List<BrokerQueue> opened = new ArrayList<>();
        List<Endpoint> fed = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            EndpointConfig config = setup.endpoint(ChaosNode.name(i), urls.get(i))
                    .withHeaders(Map.of(ChaosReceiver.SENDER, List.of(name)));
            String refused = BrokerEndpoints.cannotDeliver(config, journal != null);
            if (refused != null) {
                throw new IllegalStateException(refused);
            }
            BrokerQueue queue = BrokerEndpoints.queue(config, broker);
            opened.add(queue);
            fed.add(Endpoint.start(config, EnvelopeFormat.of(config.format(), config.typePrefix(),
                    new NotificationFactory(null, false)), queue, Executors.defaultThreadFactory(),
                    journal == null ? null : journal.deadLetterFiles(config.name()), DeliveryListener.NONE));
        }
        queues = List.copyOf(opened);
        endpoints = new Broadcaster(List.of(), fed, null);
    }

    /** Closes with this drain, as the container would, and starts again (on the same journal, if any). */
    void restart(Duration drain) {
        stop(drain);
        restarts++;
        start();
    }

    /** @return how many times it was restarted: each a close that may leave messages unacknowledged */
    int restarts() {
        return restarts;
    }

    List<Endpoint> endpoints() {
        return endpoints == null ? List.of() : endpoints.endpoints();
    }

    /** @return whether no endpoint of it holds an event, is replaying a dead letter, or is disabled */
    boolean drained() {
        return endpoints().stream().allMatch(e -> e.metrics().getPending() == 0 && e.replaying() == 0
                && !e.isDisabled());
    }

    /** @return what the endpoint holds here: received from the broker and not acknowledged */
    long pending(String endpoint) {
        return endpoints().stream().filter(e -> e.name().equals(endpoint)).mapToLong(e -> e.metrics().getPending())
                .sum();
    }

    /** @return how many events this endpoint counted as dropped here, over every start */
    long dropped(String endpoint) {
        return droppedByStopped.getOrDefault(endpoint, 0L) + endpoints().stream().filter(e -> e.name()
                .equals(endpoint)).mapToLong(e -> e.metrics().getDropped()).sum();
    }

    /** @return this instance's dead letters of the endpoint: read from its journal's directory, or found in memory */
    List<DeadLetter> deadLetters(String endpoint) {
        List<DeadLetter> letters = new ArrayList<>(deadLettersInMemory.getOrDefault(endpoint, List.of()));
        if (setup.retry().bounded()) {
            Journal.readDeadLetters(directory).stream().filter(l -> l.endpoint().equals(endpoint))
                    .forEach(letters::add);
        }
        return letters;
    }

    /** Closes its endpoints with this drain, then its connections: what they did not acknowledge goes to another. */
    void stop(Duration drain) {
        if (endpoints == null) {
            return;
        }
        endpoints.close(drain);
        for (Endpoint endpoint : endpoints.endpoints()) {
            if (journal == null) {
                deadLettersInMemory.computeIfAbsent(endpoint.name(), n -> new ArrayList<>())
                        .addAll(endpoint.deadLetters().list());
            }
            droppedByStopped.merge(endpoint.name(), endpoint.metrics().getDropped(), Long::sum);
        }
        queues.forEach(BrokerQueue::disconnectWhenStopped);
        endpoints = null;
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }
}
