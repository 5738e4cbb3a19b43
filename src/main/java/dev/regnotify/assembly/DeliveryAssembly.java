package dev.regnotify.assembly;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.ConfigException;
import dev.regnotify.config.Durations;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.Broadcaster;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.EndpointFilter;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.delivery.NotificationQueue;
import dev.regnotify.delivery.Sink;
import dev.regnotify.delivery.attempts.AttemptFiles;
import dev.regnotify.delivery.deadletter.DeadLetterFiles;
import dev.regnotify.delivery.http.HttpTransport;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.delivery.metrics.JmxRegistration;
import dev.regnotify.delivery.metrics.MetricsSnapshot;
import dev.regnotify.delivery.metrics.PrometheusText;
import dev.regnotify.journal.Journal;
import dev.regnotify.messaging.Broker;
import dev.regnotify.messaging.BrokerEndpoints;
import dev.regnotify.subscriptions.SubscriptionEndpoints;
import dev.regnotify.tracing.AttemptSpans;
import dev.regnotify.tracing.Tracing;
import dev.regnotify.wire.EnvelopeFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * The endpoints of a configuration, started, and what they share: which queue each reads (memory, a journal cursor,
 * or the broker's), which halves this instance runs on a broker (forwarders, deliverers, as its role says), one
 * watchdog of deadlines, and their metrics in JMX. {@link #close} stops them all and then what they shared.
 *
 * <p>Started and closed by one owner (the CDI edge, or an application in plain Java); {@link #broadcaster()} and the
 * views may be read from any thread once {@link #start} returned.
 *
 * @since 0.3
 */
public final class DeliveryAssembly {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private final RegnotifyConfig config;
    private final String origin;
    private final ThreadFactory threads;
    private final DeliveryListener listener;
    private final Consumer<ConfigException> refusals;
    private Function<BrokerConfig, Broker> brokerLookup;
    private final NotificationFactory notifications;
    private final Tracing tracing = Tracing.detect();
    private final SharedParts shared = new SharedParts();
    // added to by a subscription's start at runtime, read at the close
    private final List<String> registered = new CopyOnWriteArrayList<>();
    private volatile Broadcaster broadcaster;
    private boolean closed;

    private DeliveryAssembly(RegnotifyConfig config, String origin, ThreadFactory threads, DeliveryListener listener,
            Consumer<ConfigException> refusals) {
        this.config = config;
        this.origin = origin;
        this.threads = threads;
        this.listener = listener;
        this.refusals = refusals;
        this.notifications = new NotificationFactory(config.baseUrl(), config.includeReferences());
    }

    /**
     * Opens the journal and the broker's connections if the configuration has them, opens every endpoint's queue,
     * then starts the endpoints, registers their metrics and says where notifications go ({@code RN-300}), or that
     * they are off ({@code RN-301}). A start that fails closes what it opened before it throws.
     *
     * @param config the configuration; its disabled endpoints are skipped
     * @param origin where the configuration came from, named in refusals ({@code (in <origin>)})
     * @param threads where every thread of the endpoints, the watchdog and the journal comes from
     * @param listener told what happens to the endpoints' deliveries, on their threads
     * @param brokers how the broker's connection factory is found; called only if {@code notifications.queue} is
     *         configured
     * @param refusals told each refusal of the configuration just before the start fails with it (the CDI edge says
     *         it in a line of its own)
     * @return the started assembly
     * @throws ConfigException if the configuration is refused: a header the HTTP client cannot send (key
     *         {@code notifications.endpoints[i].headers}), a deliverer whose dead letters nothing would keep
     *         ({@code notifications.journal}), or a journal directory that cannot be created
     *         ({@code notifications.journal.directory})
     */
    public static DeliveryAssembly start(RegnotifyConfig config, String origin, ThreadFactory threads,
            DeliveryListener listener, Function<BrokerConfig, Broker> brokers, Consumer<ConfigException> refusals) {
        return start(config, origin, threads, listener, brokers, refusals, List.of());
    }

    /**
     * Starts the configuration's endpoints and, beside them, endpoints kept from an earlier run (subscriptions), whose
     * queues are opened with the others' so that a journal keeps what each of them has yet to deliver. Endpoints
     * added later go through {@link #runtime()}.
     *
     * @param config the configuration; its disabled endpoints are skipped
     * @param origin where the configuration came from, named in refusals
     * @param threads where every thread of the endpoints, the watchdog and the journal comes from
     * @param listener told what happens to the endpoints' deliveries, on their threads
     * @param brokers how the broker's connection factory is found
     * @param refusals told each refusal of the configuration just before the start fails with it
     * @param kept endpoints started beside the configuration's, with the same name rules
     * @return the started assembly
     * @throws ConfigException as {@link #start(RegnotifyConfig, String, ThreadFactory, DeliveryListener, Function,
     *         Consumer)}
     * @since 0.4
     */
    public static DeliveryAssembly start(RegnotifyConfig config, String origin, ThreadFactory threads,
            DeliveryListener listener, Function<BrokerConfig, Broker> brokers, Consumer<ConfigException> refusals,
            List<EndpointConfig> kept) {
        DeliveryAssembly assembly = new DeliveryAssembly(config, origin, threads, listener, refusals);
        assembly.brokerLookup = brokers;
        assembly.startEndpoints(brokers, kept);
        return assembly;
    }

    private void startEndpoints(Function<BrokerConfig, Broker> brokers, List<EndpointConfig> kept) {
        List<EndpointConfig> enabled = new ArrayList<>(config.enabledEndpoints());
        for (EndpointConfig endpoint : kept) {
            if (config.endpoints().stream().anyMatch(e -> e.name().equals(endpoint.name()))) {
                // two endpoints of one name would share its journal position and dead letters: the operator's wins
                LOG.log(Level.WARNING, "RN-712 subscription {0} does not run: an endpoint configured here has its "
                        + "name; rename the endpoint, or delete the subscription", endpoint.name());
            } else if (!endpoint.disabled()) {
                enabled.add(endpoint);
            }
        }
        BrokerConfig brokerConfig = config.broker();
        boolean produces = brokerConfig == null || brokerConfig.role().produces();
        List<Endpoint> written = new ArrayList<>();
        List<Endpoint> fed = new ArrayList<>();
        try {
            if (!enabled.isEmpty()) {
                openShared(brokers);
            }
            // every queue first: an endpoint that delivers releases journal segments that only open cursors keep
            List<NotificationQueue> queues = produces ? enabled.stream().map(this::queueFor).toList() : List.of();
            for (int i = 0; i < enabled.size(); i++) {
                start(enabled.get(i), produces ? queues.get(i) : null, written, fed);
            }
        } catch (RuntimeException e) {
            written.forEach(started -> started.close(Duration.ZERO));
            fed.forEach(started -> started.close(Duration.ZERO));
            shared.close();
            throw e;
        }
        broadcaster = new Broadcaster(written, fed, produces ? shared.journal() : null);
        if (!produces && !fed.isEmpty()) {
            LOG.log(Level.INFO, "RN-344 this instance delivers only (notifications.queue.role deliver): its own "
                    + "registry operations notify nobody");
        }
        announce(broadcaster.endpoints());
    }

    private void openShared(Function<BrokerConfig, Broker> brokers) {
        try {
            shared.open(config, origin, threads, brokers);
        } catch (ConfigException e) {
            throw refused(e);
        }
    }

    /**
     * Starts an endpoint's halves on this instance: the whole endpoint without a broker; else its forwarder if this
     * instance produces, and its deliverer if it delivers.
     *
     * @param local its local queue, or null if this instance produces nothing
     */
    void start(EndpointConfig endpoint, NotificationQueue local, List<Endpoint> written, List<Endpoint> fed) {
        BrokerTopology brokers = shared.brokers();
        try {
            if (brokers == null) {
                written.add(deliverer(endpoint, local, true));
                return;
            }
            if (local != null) {
                Journal journal = shared.journal();
                written.add(brokers.forwarder(endpoint, local, journal == null ? null
                        : journal.deadLetterFiles(endpoint.name() + BrokerEndpoints.FORWARDER_SUFFIX), listener));
            }
            if (config.broker().role().delivers()) {
                // a thread of its own: its queue waits in the broker's client, which a pooled turn must not
                fed.add(deliverer(endpoint, brokers.queue(endpoint, shared.journal() != null), false));
            }
        } catch (ConfigException e) {
            throw refused(e);
        } catch (IllegalArgumentException e) {
            throw refused(new ConfigException("notifications.endpoints[" + config.endpoints().indexOf(endpoint)
                    + "].headers", e.getMessage() + " (in " + origin + ")", e));
        }
    }

    private ConfigException refused(ConfigException e) {
        if (broadcaster == null) {
            refusals.accept(e); // failing the start; at runtime (a subscription) the caller is answered instead
        }
        return e;
    }

    NotificationQueue queueFor(EndpointConfig endpoint) {
        Journal journal = shared.journal();
        if (journal == null) {
            return new InMemoryQueue(endpoint.queue().capacity());
        }
        return journal.cursor(endpoint.name(), new EndpointFilter(endpoint.ignore(), endpoint.filter()));
    }

    /**
     * Starts an endpoint that sends to its receiver, and says once how it retries ({@code RN-316}).
     *
     * @param pooled whether it delivers by turns on the shared pool, or on a thread of its own
     */
    Endpoint deliverer(EndpointConfig endpoint, NotificationQueue queue, boolean pooled) {
        Journal journal = shared.journal();
        EnvelopeFormat format = EnvelopeFormat.of(endpoint.envelope().format(), endpoint.envelope().typePrefix(),
                notifications);
        EndpointCounters counters = new EndpointCounters(endpoint.name(), endpoint.url());
        Sink transport = transport(endpoint, counters);
        DeadLetterFiles letters = journal == null ? null : journal.deadLetterFiles(endpoint.name());
        AttemptFiles attempts = journal == null || !endpoint.log().on() ? null : attemptFiles(endpoint);
        Endpoint started = pooled
                ? Endpoint.start(endpoint, format, queue, shared.pool(), counters, transport, letters, attempts,
                        listener)
                : Endpoint.start(endpoint, format, queue, threads, counters, transport, letters, attempts, listener);
        LOG.log(Level.INFO, "RN-316 endpoint {0} retries by {1}", endpoint.name(), RetryRuleText.of(endpoint.retry()));
        return started;
    }

    /** The endpoint's HTTP transport; each of its attempts a span when OpenTelemetry is on the class path. */
    private Sink transport(EndpointConfig endpoint, EndpointCounters counters) {
        if (!tracing.spans()) {
            return HttpTransport.of(endpoint, counters, shared.deadlines());
        }
        AttemptSpans spans = new AttemptSpans(tracing.attempts(), endpoint.name(), endpoint.url(), counters);
        return spans.around(HttpTransport.of(endpoint, spans, shared.deadlines()));
    }

    /** @return the endpoint's attempt files beside the journal, or null (said) to keep its attempts in memory */
    private AttemptFiles attemptFiles(EndpointConfig endpoint) {
        Path directory = config.journal().directory().resolve("attempts");
        try {
            return AttemptFiles.open(directory, endpoint.name(), endpoint.log(), shared.attemptWriter());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "RN-363 endpoint " + endpoint.name() + ": its attempt log in " + directory
                    + " cannot be opened; its attempts are kept in memory only", e);
            return null;
        }
    }

    private void announce(List<Endpoint> endpoints) {
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

    /** @return what hands every event to this instance's endpoints */
    public Broadcaster broadcaster() {
        return broadcaster;
    }

    /** @return every started endpoint, those this instance's events are written to first */
    public List<Endpoint> endpoints() {
        return broadcaster.endpoints();
    }

    /** @return whether this instance's events go to any endpoint: without one, nobody need hand them over */
    public boolean active() {
        return broadcaster.writes();
    }

    /**
     * @return where endpoints are started, restarted and stopped at runtime (subscriptions), beside the configured
     *         ones; closed with them
     * @since 0.4
     */
    public SubscriptionEndpoints runtime() {
        return new RuntimeEndpoints(this);
    }

    /**
     * Opens what endpoints share if no endpoint was configured (a first subscription): the journal, then, since the
     * broadcaster that started without endpoints kept no log, one that writes to it.
     */
    synchronized void ensureShared() {
        if (closed) {
            throw new IllegalStateException("notifications are stopped: no endpoint can start");
        }
        if (shared.deadlines() == null) {
            openShared(brokerLookup);
            broadcaster = new Broadcaster(List.of(), List.of(), produces() ? shared.journal() : null);
        }
    }

    /** Registers a runtime endpoint's metrics in JMX, and says where it delivers ({@code RN-300}). */
    void registered(Endpoint endpoint) {
        if (JmxRegistration.register(endpoint.metrics())) {
            registered.add(endpoint.name());
        }
        LOG.log(Level.INFO, "RN-300 notifications go to {0} ({1}) too", endpoint.name(), endpoint.metrics().getUrl());
    }

    /** Unregisters a runtime endpoint's metrics. */
    void unregistered(String name) {
        if (registered.remove(name)) {
            JmxRegistration.unregister(name);
        }
    }

    /** @return whether this instance's events are written to endpoints: without a broker, or in its role */
    boolean produces() {
        return config.broker() == null || config.broker().role().produces();
    }

    RegnotifyConfig config() {
        return config;
    }

    /** @return the journal, or null without one */
    Journal journal() {
        return shared.journal();
    }

    /** @return the bytes the journal retains, or -1 without a journal (or once closed) */
    public long journalBytes() {
        Journal journal = shared.journal();
        return journal == null ? -1 : journal.retainedBytes();
    }

    /** @return the endpoints and their counters as JSON, shaped like distribution's expvar */
    public String snapshotJson() {
        return MetricsSnapshot.json(endpoints().stream()
                .map(endpoint -> new MetricsSnapshot.Row(endpoint.config(), endpoint.metrics())).toList());
    }

    /** @return the endpoints' counters in Prometheus' text format */
    public String prometheusText() {
        StringBuilder text = new StringBuilder();
        PrometheusText.write(endpoints().stream().map(Endpoint::metrics).toList(), journalBytes(), text);
        return text.toString();
    }

    /**
     * Drains the endpoints within one deadline, unregisters their metrics, closes what they shared (the watchdog, the
     * broker's connections, the journal) and says in {@code RN-310} what was left. A second call does nothing.
     *
     * @param drain how long the queues may take to drain
     * @return per endpoint, in the order of {@link #endpoints()}, how many events were left undelivered; empty without
     *         endpoints or when closed already
     */
    public synchronized Map<String, Long> close(Duration drain) {
        if (closed || broadcaster.endpoints().isEmpty()) {
            closed = true;
            broadcaster.close(Duration.ZERO); // takes no endpoint any more
            shared.close(); // opened for a subscription that is gone already
            return Map.of();
        }
        closed = true;
        Map<String, Long> undelivered = broadcaster.close(drain);
        registered.forEach(JmxRegistration::unregister);
        boolean journaled = shared.journal() != null;
        // read before the journal closes: what the endpoints kept as dead letters, which nobody received either
        Map<String, Long> dead = new LinkedHashMap<>();
        broadcaster.endpoints().forEach(e -> dead.merge(e.name(), e.metrics().getDeadLetters(), Long::sum));
        shared.close();
        report(undelivered, dead, drain, journaled);
        return undelivered;
    }

    /** {@code RN-310}: "all delivered" only when no event is left queued and none is a dead letter. */
    private static void report(Map<String, Long> undelivered, Map<String, Long> dead, Duration drain,
            boolean journaled) {
        long total = undelivered.values().stream().mapToLong(Long::longValue).sum();
        long letters = dead.values().stream().mapToLong(Long::longValue).sum();
        String counts = undelivered.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()
                + (dead.getOrDefault(e.getKey(), 0L) > 0 ? " (dead letters: " + dead.get(e.getKey()) + ")" : ""))
                .collect(Collectors.joining(", "));
        String lettersKept = letters + " events are dead letters " + (journaled ? "(kept in the journal's directory "
                + "for replay)" : "(in memory only: lost with this process)");
        if (total == 0 && letters == 0) {
            LOG.log(Level.INFO, "RN-310 notifications stopped, all delivered: {0}", counts);
        } else if (total == 0) {
            LOG.log(Level.WARNING, "RN-310 notifications stopped, none left queued, but {0}: {1}", lettersKept,
                    counts);
        } else {
            LOG.log(Level.WARNING, "RN-310 notifications stopped, {0} undelivered after {1}{2}{3}: {4}",
                    Long.toString(total), Durations.format(drain), journaled ? " (kept in the journal for the next "
                    + "start)" : "", letters > 0 ? ", and " + lettersKept : "", counts);
        }
    }
}
