package dev.regnotify.faults;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.Format;
import dev.regnotify.delivery.Broadcaster;
import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.delivery.NotificationQueue;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.journal.Journal;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * The delivery side of one registry process, put together as the library's CDI edge puts it together (every queue
 * opened before any endpoint delivers, the journal on {@link FaultyFiles}), so that the run can inject file faults and
 * restart it on the same journal. Counts what each close left undelivered, and keeps what the journal refused.
 */
final class ChaosNode implements AutoCloseable {

    private final ChaosPlan.Setup setup;
    private final Path directory;
    private final List<URI> urls;
    private final Map<String, Long> undeliveredAtRestarts = new HashMap<>();
    private final Map<String, Long> droppedByStoppedEndpoints = new HashMap<>();
    private final Map<String, List<DeadLetter>> deadLettersInMemory = new HashMap<>();
    private final RefusalLog refusals = new RefusalLog();
    private FaultyFiles files;
    private Journal journal;
    private List<Endpoint> endpoints = List.of();
    private Broadcaster broadcaster;
    private int restarts;

    /** @param urls the receivers, one per endpoint, named endpoint-0, endpoint-1 ... */
    ChaosNode(ChaosPlan.Setup setup, Path directory, List<URI> urls) {
        this.setup = setup;
        this.directory = directory;
        this.urls = List.copyOf(urls);
        start();
    }

    static String name(int endpoint) {
        return "endpoint-" + endpoint;
    }

    private void start() {
        List<EndpointConfig> configs = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            configs.add(setup.endpoint(name(i), urls.get(i)));
        }
        if (setup.journaled()) {
            files = new FaultyFiles(directory);
            journal = Journal.open(setup.journal(directory), files, Executors.defaultThreadFactory());
        }
        // every queue first: an endpoint that delivers releases journal segments that only open cursors keep
        List<NotificationQueue> queues = configs.stream().map(c -> journal == null
                ? (NotificationQueue) new InMemoryQueue(c.queueCapacity()) : journal.cursor(c.name(), e -> true))
                .toList();
        List<Endpoint> started = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            EndpointConfig config = configs.get(i);
            started.add(Endpoint.start(config, new DistributionFormat(Format.V1, new NotificationFactory(null, false)),
                    queues.get(i), Executors.defaultThreadFactory(),
                    journal == null ? null : journal.deadLetterFiles(config.name()), DeliveryListener.NONE));
        }
        endpoints = List.copyOf(started);
        broadcaster = new Broadcaster(endpoints, journal == null ? null : refusals.over(journal, files, endpoints));
    }

    /** As the bridge does after a registry call: the event goes to the journal, if any, and every endpoint. */
    void write(RegistryEvent event) {
        broadcaster.write(event);
    }

    /** @return the journal's files, to inject faults in; null without a journal */
    FaultyFiles files() {
        return files;
    }

    List<Endpoint> endpoints() {
        return endpoints;
    }

    Endpoint endpoint(int index) {
        return endpoints.get(index);
    }

    /** @return whether every endpoint has nothing left to send and no dead letter being replayed */
    boolean drained() {
        return endpoints.stream().allMatch(e -> e.metrics().getPending() == 0 && e.replaying() == 0
                && !e.isDisabled());
    }

    /** Closes with this drain and starts again on the same journal (in memory: with empty queues). */
    void restart(Duration drain) {
        stop(drain).forEach((name, count) -> undeliveredAtRestarts.merge(name, count, Long::sum));
        restarts++;
        start();
    }

    int restarts() {
        return restarts;
    }

    /** @return how many events the restarts so far reported undelivered at this endpoint (RN-310) */
    long undeliveredAtRestarts(String endpoint) {
        return undeliveredAtRestarts.getOrDefault(endpoint, 0L);
    }

    /** @return how many events this endpoint counted as dropped, over every start */
    long dropped(String endpoint) {
        long running = endpoints.stream().filter(e -> e.name().equals(endpoint))
                .mapToLong(e -> e.metrics().getDropped()).sum();
        return droppedByStoppedEndpoints.getOrDefault(endpoint, 0L) + running;
    }

    /** @return what the journal refused to keep */
    RefusalLog refusals() {
        return refusals;
    }

    /**
     * @return per endpoint, its dead letters: read from the journal's directory (where they survive restarts), or
     *         those each close found in memory
     */
    Map<String, List<DeadLetter>> deadLetters() {
        Map<String, List<DeadLetter>> letters = new LinkedHashMap<>();
        for (int i = 0; i < urls.size(); i++) {
            letters.put(name(i), new ArrayList<>());
        }
        if (setup.journaled()) {
            Journal.readDeadLetters(directory).forEach(l -> letters.get(l.endpoint()).add(l));
        } else {
            deadLettersInMemory.forEach((name, list) -> letters.get(name).addAll(list));
        }
        return letters;
    }

    /** @return per endpoint, how many events were left undelivered */
    private Map<String, Long> stop(Duration drain) {
        Map<String, Long> left = broadcaster.close(drain);
        for (Endpoint endpoint : endpoints) {
            deadLettersInMemory.computeIfAbsent(endpoint.name(), n -> new ArrayList<>())
                    .addAll(endpoint.deadLetters().list());
            droppedByStoppedEndpoints.merge(endpoint.name(), endpoint.metrics().getDropped(), Long::sum);
        }
        endpoints = List.of();
        if (journal != null) {
            journal.close();
            journal = null;
        }
        return left;
    }

    /**
     * Closes for good.
     *
     * @return per endpoint, how many events were left undelivered
     */
    Map<String, Long> close(Duration drain) {
        return stop(drain);
    }

    @Override
    public void close() {
        if (!endpoints.isEmpty()) {
            close(Duration.ZERO);
        }
    }
}
