package dev.regnotify.cdi;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.ConfigException;
import dev.regnotify.config.Durations;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.EnvelopeConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.Broadcaster;
import dev.regnotify.delivery.DeadLetters;
import dev.regnotify.delivery.Deadlines;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.EndpointFilter;
import dev.regnotify.delivery.EndpointMetricsMXBean;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.delivery.JmxRegistration;
import dev.regnotify.delivery.MetricsSnapshot;
import dev.regnotify.delivery.NotificationQueue;
import dev.regnotify.delivery.PrometheusText;
import dev.regnotify.delivery.events.DeliveryEvent;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.journal.Journal;
import dev.regnotify.wire.EnvelopeFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * The endpoints of the configuration, started with the container and drained when it stops. Wires plain delivery
 * objects together; holds no delivery logic of its own.
 */
@ApplicationScoped
class NotificationService implements NotificationMetrics {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    @Inject
    LibraryConfiguration configuration;
    @Inject
    ExecutorProvider executors;
    @Inject
    Event<DeliveryEvent> deliveryEvents;

    private RegnotifyConfig config;
    private volatile Broadcaster broadcaster;
    private Journal journal;
    private BrokerTopology brokers;
    // one watchdog of deadlines for every endpoint of the container, its thread the container's
    private Deadlines deadlines;
    private volatile boolean active;
    private final List<String> registered = new ArrayList<>();

    /** Starts the endpoints as the container starts. */
    void start(@Observes Startup startup) {
        ensureStarted();
    }

    private synchronized void ensureStarted() {
        if (broadcaster != null) {
            return;
        }
        config = configuration.config();
        NotificationFactory factory = new NotificationFactory(config.baseUrl(), config.includeReferences());
        List<Endpoint> written = new ArrayList<>();
        List<Endpoint> fed = new ArrayList<>();
        List<EndpointConfig> enabled = config.enabledEndpoints();
        DeliveryListener listener = new DeliveryEvents(deliveryEvents,
                NotificationOptions.ofExecutor(executors.asyncEvents()));
        BrokerConfig brokerConfig = config.broker();
        boolean produces = brokerConfig == null || brokerConfig.role().produces();
        try {
            if (config.journal() != null && !enabled.isEmpty()) {
                journal = Journal.open(config.journal(), executors.deliveryThreads());
            }
            if (brokerConfig != null && !enabled.isEmpty()) {
                brokers = new BrokerTopology(brokerConfig, executors.deliveryThreads());
            }
            if (!enabled.isEmpty()) {
                deadlines = new Deadlines(executors.deliveryThreads());
            }
            // every queue first: an endpoint that delivers releases journal segments that only open cursors keep
            List<NotificationQueue> queues = produces ? enabled.stream().map(this::queueFor).toList() : List.of();
            for (int i = 0; i < enabled.size(); i++) {
                EndpointConfig endpoint = enabled.get(i);
                try {
                    if (brokers == null) {
                        written.add(deliverer(endpoint, queues.get(i), factory, listener));
                        continue;
                    }
                    if (produces) {
                        written.add(brokers.forwarder(endpoint, queues.get(i), listener));
                    }
                    if (brokerConfig.role().delivers()) {
                        fed.add(deliverer(endpoint, brokers.queue(endpoint, journal != null), factory, listener));
                    }
                } catch (IllegalArgumentException e) {
                    throw LibraryConfiguration.refused(new ConfigException("notifications.endpoints["
                            + config.endpoints().indexOf(endpoint) + "].headers", e.getMessage() + " (in "
                            + configuration.origin() + ")", e));
                }
            }
        } catch (RuntimeException e) {
            written.forEach(started -> started.close(Duration.ZERO));
            fed.forEach(started -> started.close(Duration.ZERO));
            closeStores();
            throw e;
        }
        active = !written.isEmpty();
        broadcaster = new Broadcaster(written, fed, produces ? journal : null);
        List<Endpoint> endpoints = broadcaster.endpoints();
        if (!produces && !fed.isEmpty()) {
            LOG.log(Level.INFO, "RN-344 this instance delivers only (notifications.queue.role deliver): its own "
                    + "registry operations notify nobody");
        }
        for (Endpoint endpoint : endpoints) {
            if (JmxRegistration.register(endpoint.metrics())) {
                registered.add(endpoint.name());
            }
        }
        if (endpoints.isEmpty()) {
            LOG.log(Level.INFO, "RN-301 notifications are off: no endpoint is configured (events still reach "
                    + "observers)");
        } else {
            LOG.log(Level.INFO, "RN-300 notifications go to {0}", endpoints.stream()
                    .map(e -> e.name() + " (" + e.metrics().getUrl() + ")").collect(Collectors.joining(", ")));
        }
    }

    private Endpoint deliverer(EndpointConfig endpoint, NotificationQueue queue, NotificationFactory factory,
            DeliveryListener listener) {
        EnvelopeConfig envelope = endpoint.envelope();
        return Endpoint.start(endpoint, EnvelopeFormat.of(envelope.format(), envelope.typePrefix(), factory), queue,
                executors.deliveryThreads(), deadlines, journal == null ? null : journal.deadLetterFiles(
                endpoint.name()), listener);
    }

    /** Closes what the endpoints used, once they stopped: the watchdog, the broker's connections, the journal. */
    private void closeStores() {
        if (deadlines != null) {
            deadlines.close();
            deadlines = null;
        }
        if (brokers != null) {
            brokers.disconnect();
            brokers = null;
        }
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }

    private NotificationQueue queueFor(EndpointConfig endpoint) {
        if (journal == null) {
            return new InMemoryQueue(endpoint.queue().capacity());
        }
        return journal.cursor(endpoint.name(), new EndpointFilter(endpoint.ignore())::accepts);
    }

    /** @return whether any endpoint is there to notify: without one, the bridge need not be called */
    boolean isActive() {
        if (broadcaster == null) {
            ensureStarted();
        }
        return active;
    }

    /** Hands an event to every endpoint, to be notified; never blocks, never throws. */
    void publish(RegistryEvent event) {
        Broadcaster target = broadcaster;
        if (target == null) {
            ensureStarted();
            target = broadcaster;
        }
        target.write(event);
    }

    @Override
    public Map<String, EndpointMetricsMXBean> endpoints() {
        ensureStarted();
        Map<String, EndpointMetricsMXBean> metrics = new LinkedHashMap<>();
        broadcaster.endpoints().forEach(e -> metrics.put(e.name(), e.metrics()));
        return metrics;
    }

    /**
     * The endpoints' dead letters, for application code ({@code @Inject DeadLetters}).
     *
     * @return a view of every endpoint's dead letters
     */
    @Produces
    @Dependent
    DeadLetters deadLetters() {
        ensureStarted();
        return new DeadLetters(broadcaster.endpoints());
    }

    @Override
    public String snapshotJson() {
        ensureStarted();
        return MetricsSnapshot.json(broadcaster.endpoints());
    }

    @Override
    public String prometheusText() {
        ensureStarted();
        StringBuilder text = new StringBuilder();
        PrometheusText.write(broadcaster.endpoints().stream().map(Endpoint::metrics).toList(),
                journal == null ? -1 : journal.retainedBytes(), text);
        return text.toString();
    }

    /** Drains the queues within the configured deadline and reports, in one line, what was left. */
    @PreDestroy
    synchronized void stop() {
        if (broadcaster == null || broadcaster.endpoints().isEmpty()) {
            return;
        }
        Map<String, Long> undelivered = broadcaster.close(config.drainTimeout());
        registered.forEach(JmxRegistration::unregister);
        boolean journaled = journal != null;
        closeStores();
        long total = undelivered.values().stream().mapToLong(Long::longValue).sum();
        String counts = undelivered.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        if (total == 0) {
            LOG.log(Level.INFO, "RN-310 notifications stopped, all delivered: {0}", counts);
        } else {
            LOG.log(Level.WARNING, "RN-310 notifications stopped, {0} undelivered after {1}{2}: {3}",
                    Long.toString(total),
                    Durations.format(config.drainTimeout()), journaled ? " (kept in the journal for the next "
                    + "start)" : "", counts);
        }
    }
}
