package dev.regnotify.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The library's configuration: distribution's {@code notifications} section, the {@code source} of notifications,
 * and the {@code baseurl} their target URLs start with. Read from JSON with {@link #parse} or {@link #read}, or
 * built in code; an application that produces a bean of this type configures the library with it.
 *
 * @param includeReferences whether manifest targets list their references ({@code notifications.events
 *                          .includereferences})
 * @param endpoints the endpoints, in order, including disabled ones
 * @param drainTimeout how long shutdown waits for queues to drain ({@code notifications.draintimeout}, default 5s)
 * @param source the instance named in notifications
 * @param baseUrl the registry's public URL, or null to derive it from each request's host
 * @param journal the durable journal behind the endpoints, or null to queue in memory
 * @param broker the message broker the endpoints' notifications go through ({@code notifications.queue}), or null
 * @param console who may use the console ({@code notifications.console}), or null for nobody
 * @param subscriptions where and how subscriptions created at runtime are kept and guarded
 *                      ({@code notifications.subscriptions}; since 0.4), never null
 * @param deliveryThreads how many threads deliver for all the endpoints at most ({@code
 *                        notifications.deliverythreads}, default 64; since 0.4)
 * @since 0.1
 */
public record RegnotifyConfig(boolean includeReferences, List<EndpointConfig> endpoints, Duration drainTimeout,
        SourceConfig source, URI baseUrl, JournalConfig journal, BrokerConfig broker, ConsoleConfig console,
        SubscriptionsConfig subscriptions, int deliveryThreads) {

    /** How many threads deliver for all the endpoints by default. */
    public static final int DEFAULT_DELIVERY_THREADS = 64;
    /** The most threads that may deliver. */
    public static final int MAX_DELIVERY_THREADS = 1024;

    /** How long shutdown waits for queues to drain by default. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(5);

    /** No endpoint: events still reach observers, and notifications are off. */
    public static final RegnotifyConfig DEFAULT = new RegnotifyConfig(false, List.of(), DEFAULT_DRAIN_TIMEOUT,
            SourceConfig.DEFAULT, null, null, null);

    /**
     * A configuration with the default subscriptions' settings and delivery threads.
     *
     * @param includeReferences whether manifest events carry their references
     * @param endpoints where notifications go
     * @param drainTimeout how long shutdown waits for queues to drain
     * @param source the instance named in notifications
     * @param baseUrl the registry's public URL, or null
     * @param journal the durable journal, or null
     * @param broker the message broker, or null
     * @param console who may use the console, or null for nobody
     * @since 0.3
     */
    public RegnotifyConfig(boolean includeReferences, List<EndpointConfig> endpoints, Duration drainTimeout,
            SourceConfig source, URI baseUrl, JournalConfig journal, BrokerConfig broker, ConsoleConfig console) {
        this(includeReferences, endpoints, drainTimeout, source, baseUrl, journal, broker, console,
                SubscriptionsConfig.DEFAULT, DEFAULT_DELIVERY_THREADS);
    }

    /**
     * A configuration without a console.
     *
     * @param includeReferences whether manifest events carry their references
     * @param endpoints where notifications go
     * @param drainTimeout how long shutdown waits for queues to drain
     * @param source the instance named in notifications
     * @param baseUrl the registry's public URL, or null
     * @param journal the durable journal, or null
     * @param broker the message broker, or null
     */
    public RegnotifyConfig(boolean includeReferences, List<EndpointConfig> endpoints, Duration drainTimeout,
            SourceConfig source, URI baseUrl, JournalConfig journal, BrokerConfig broker) {
        this(includeReferences, endpoints, drainTimeout, source, baseUrl, journal, broker, null);
    }

    /**
     * A configuration without a broker.
     *
     * @param includeReferences whether manifest events carry their references
     * @param endpoints where notifications go
     * @param drainTimeout how long shutdown waits for queues to drain
     * @param source the instance named in notifications
     * @param baseUrl the registry's public URL, or null
     * @param journal the durable journal, or null
     */
    public RegnotifyConfig(boolean includeReferences, List<EndpointConfig> endpoints, Duration drainTimeout,
            SourceConfig source, URI baseUrl, JournalConfig journal) {
        this(includeReferences, endpoints, drainTimeout, source, baseUrl, journal, null);
    }

    /** Validates and copies. */
    public RegnotifyConfig {
        endpoints = List.copyOf(endpoints);
        List<String> names = new ArrayList<>();
        for (EndpointConfig endpoint : endpoints) {
            if (names.contains(endpoint.name())) {
                throw new IllegalArgumentException("endpoint name \"" + endpoint.name() + "\" is used twice");
            }
            names.add(endpoint.name());
            if (broker != null) {
                BrokerConfig.checkEndpointName(endpoint.name());
            }
        }
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout must not be negative, got " + drainTimeout);
        }
        source = Objects.requireNonNullElse(source, SourceConfig.DEFAULT);
        subscriptions = Objects.requireNonNullElse(subscriptions, SubscriptionsConfig.DEFAULT);
        if (deliveryThreads < 1 || deliveryThreads > MAX_DELIVERY_THREADS) {
            throw new IllegalArgumentException("deliveryThreads must be from 1 to " + MAX_DELIVERY_THREADS + ", got "
                    + deliveryThreads);
        }
    }

    /**
     * A configuration with in-memory queues.
     *
     * @param includeReferences whether manifest targets list their references
     * @param endpoints the endpoints
     * @param drainTimeout how long shutdown waits for queues to drain
     * @param source the instance named in notifications
     * @param baseUrl the registry's public URL, or null
     */
    public RegnotifyConfig(boolean includeReferences, List<EndpointConfig> endpoints, Duration drainTimeout,
            SourceConfig source, URI baseUrl) {
        this(includeReferences, endpoints, drainTimeout, source, baseUrl, null);
    }

    /**
     * @param json the configuration document
     * @return the configuration
     * @throws ConfigException naming the key path of the first value at fault
     */
    public static RegnotifyConfig parse(String json) {
        return ConfigParser.parse(json);
    }

    /**
     * @param file a JSON configuration file, or distribution's YAML ({@code .yml}, {@code .yaml}: its
     *             {@code notifications}, {@code source} and {@code http.host} are read, the rest ignored)
     * @return the configuration
     * @throws ConfigException if the file cannot be read (naming it) or a value is at fault (naming its key path)
     */
    public static RegnotifyConfig read(Path file) {
        String name = file.getFileName().toString();
        try {
            String text = Files.readString(file);
            if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                return ConfigParser.parse(yamlAsJson(text, file));
            }
            return ConfigParser.parse(text);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read the configuration file: " + e, e);
        } catch (ConfigException e) {
            throw new ConfigException(e.path(), e.getMessage() + " (in " + file + ")", e);
        }
    }

    private static String yamlAsJson(String yaml, Path file) {
        try {
            return YamlConfig.toJson(yaml, file.toString());
        } catch (NoClassDefFoundError e) {
            throw new ConfigException(file.toString(), "reading a YAML configuration needs SnakeYAML Engine on the "
                    + "class path: add the dependency org.snakeyaml:snakeyaml-engine (2.10 or newer), or use JSON", e);
        }
    }

    /** @return the endpoints that are not disabled */
    public List<EndpointConfig> enabledEndpoints() {
        return endpoints.stream().filter(e -> !e.disabled()).toList();
    }

    /**
     * @param endpoint an endpoint to add
     * @return this configuration with the endpoint added last
     */
    public RegnotifyConfig withEndpoint(EndpointConfig endpoint) {
        List<EndpointConfig> more = new ArrayList<>(endpoints);
        more.add(endpoint);
        return new RegnotifyConfig(includeReferences, more, drainTimeout, source, baseUrl, journal, broker, console,
                subscriptions, deliveryThreads);
    }

    /**
     * @param newEndpoints the endpoints
     * @return this configuration with exactly these endpoints
     */
    public RegnotifyConfig withEndpoints(List<EndpointConfig> newEndpoints) {
        return new RegnotifyConfig(includeReferences, newEndpoints, drainTimeout, source,
                baseUrl, journal, broker, console, subscriptions, deliveryThreads);
    }

    /**
     * @param newDrainTimeout how long shutdown waits for queues to drain
     * @return this configuration with that drain timeout
     */
    public RegnotifyConfig withDrainTimeout(Duration newDrainTimeout) {
        return new RegnotifyConfig(includeReferences, endpoints, newDrainTimeout, source,
                baseUrl, journal, broker, console, subscriptions, deliveryThreads);
    }

    /**
     * @param newJournal the journal, or null for in-memory queues
     * @return this configuration with that journal
     */
    public RegnotifyConfig withJournal(JournalConfig newJournal) {
        return new RegnotifyConfig(includeReferences, endpoints, drainTimeout, source,
                baseUrl, newJournal, broker, console, subscriptions, deliveryThreads);
    }

    /**
     * @param newConsole who may use the console, or null for nobody
     * @return this configuration with that console access
     * @since 0.3
     */
    public RegnotifyConfig withConsole(ConsoleConfig newConsole) {
        return new RegnotifyConfig(includeReferences, endpoints, drainTimeout, source, baseUrl, journal, broker,
                newConsole, subscriptions, deliveryThreads);
    }

    /**
     * @param newSubscriptions where and how subscriptions are kept and guarded
     * @return this configuration with those settings
     * @since 0.4
     */
    public RegnotifyConfig withSubscriptions(SubscriptionsConfig newSubscriptions) {
        return new RegnotifyConfig(includeReferences, endpoints, drainTimeout, source, baseUrl, journal, broker,
                console, newSubscriptions, deliveryThreads);
    }

    /**
     * @param threads how many threads deliver for all the endpoints at most, from 1 to {@link #MAX_DELIVERY_THREADS}
     * @return this configuration with that many delivery threads
     * @since 0.4
     */
    public RegnotifyConfig withDeliveryThreads(int threads) {
        return new RegnotifyConfig(includeReferences, endpoints, drainTimeout, source, baseUrl, journal, broker,
                console, subscriptions, threads);
    }

    /**
     * @param newBroker the broker the notifications go through, or null for none
     * @return this configuration with that broker
     * @since 0.2
     */
    public RegnotifyConfig withBroker(BrokerConfig newBroker) {
        return new RegnotifyConfig(includeReferences, endpoints, drainTimeout, source,
                baseUrl, journal, newBroker, console, subscriptions, deliveryThreads);
    }
}
