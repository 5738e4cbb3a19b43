package dev.regnotify.config;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

/**
 * Reads the JSON configuration, keeping the key path of every value so that each error names it. Unknown keys are
 * errors (a misspelt {@code treshold} would otherwise be silently ignored).
 */
final class ConfigParser {

    private static final List<String> TOP = List.of("notifications", "source", "baseurl");
    private static final List<String> NOTIFICATIONS = List.of("events", "endpoints", "draintimeout", "journal",
            "queue", "console", "log", "subscriptions", "deliverythreads");
    private static final List<String> QUEUE = List.of("type", "factory", "url", "user", "password", "jndiname",
            "destinationprefix", "role", "spread");
    private static final List<String> JOURNAL = List.of("directory", "fsync", "interval", "maxbytes", "segmentbytes",
            "retention");
    private static final List<String> EVENTS = List.of("includereferences");
    private static final List<String> ENDPOINT = List.of("name", "disabled", "url", "headers", "timeout",
            "threshold", "backoff", "ignoredmediatypes", "ignore", "batch", "format", "queuecapacity", "maxinflight",
            "signing", "typeprefix", "retry", "filter", "guard", "ratelimit", "tls", "log");
    private static final List<String> RETRY = List.of("policy", "initialdelay", "maxdelay", "maxattempts",
            "maxage");
    private static final List<String> SIGNING = List.of("secrets");
    private static final List<String> IGNORE = List.of("mediatypes", "actions");
    private static final List<String> BATCH = List.of("maxevents", "maxbytes");
    private static final List<String> LOG = List.of("attempts", "retention", "maxbytes");
    private static final List<String> CONSOLE = List.of("tokens");
    private static final List<String> CONSOLE_TOKEN = List.of("token", "role");
    private static final List<String> SOURCE = List.of("addr", "instanceID");

    private ConfigParser() {
    }

    static RegnotifyConfig parse(String json) {
        JsonValue document = json(json, "the configuration");
        ConfigNode root = new ConfigNode("", document);
        root.object(TOP);
        ConfigNode notifications = root.field("notifications");
        boolean includeReferences = false;
        List<EndpointConfig> endpoints = List.of();
        Duration drain = RegnotifyConfig.DEFAULT_DRAIN_TIMEOUT;
        JournalConfig journal = null;
        BrokerConfig broker = null;
        ConsoleConfig console = null;
        int deliveryThreads = RegnotifyConfig.DEFAULT_DELIVERY_THREADS;
        SubscriptionsConfig subscriptions = SubscriptionsConfig.DEFAULT;
        if (notifications.present()) {
            notifications.object(NOTIFICATIONS);
            ConfigNode events = notifications.field("events");
            if (events.present()) {
                events.object(EVENTS);
                includeReferences = events.field("includereferences").bool(false);
            }
            AttemptLogConfig log = log(notifications.field("log"), AttemptLogConfig.DEFAULT);
            endpoints = endpoints(notifications.field("endpoints"), log);
            drain = notifications.field("draintimeout").duration(drain, true);
            journal = journal(notifications.field("journal"));
            broker = queue(notifications.field("queue"));
            if (broker != null) {
                checkBrokerNames(endpoints, notifications.field("endpoints"));
            }
            console = ConsoleTokens.read(notifications.field("console"), CONSOLE, CONSOLE_TOKEN);
            deliveryThreads = (int) notifications.field("deliverythreads").integer(deliveryThreads, 1,
                    RegnotifyConfig.MAX_DELIVERY_THREADS);
            subscriptions = FilterReader.subscriptions(notifications.field("subscriptions"));
        }
        SourceConfig source = SourceConfig.DEFAULT;
        ConfigNode sourceNode = root.field("source");
        if (sourceNode.present()) {
            sourceNode.object(SOURCE);
            source = new SourceConfig(sourceNode.field("addr").string(null),
                    sourceNode.field("instanceID").string(null));
        }
        URI baseUrl = root.field("baseurl").url(true);
        // endpoint names are checked unique above, durations non-negative: the constructor accepts these
        return new RegnotifyConfig(includeReferences, endpoints, drain, source, baseUrl, journal, broker, console,
                subscriptions, deliveryThreads);
    }

    private enum QueueType {
        MEMORY, JMS
    }

    /** {@code memory} (or no block) keeps today's local queues; {@code jms} puts a broker behind them. */
    private static BrokerConfig queue(ConfigNode node) {
        if (!node.present()) {
            return null;
        }
        node.object(QUEUE);
        QueueType type = node.field("type").choice(QueueType.MEMORY, QueueType.values(), ConfigParser::lower);
        if (type == QueueType.MEMORY) {
            return null;
        }
        String url = node.field("url").string(null);
        BrokerConfig.Factory factory = node.field("factory").choice(url != null ? BrokerConfig.Factory.URL
                : BrokerConfig.Factory.JNDI, BrokerConfig.Factory.values(), ConfigParser::lower);
        String user = node.field("user").string(null);
        String password = node.field("password").string(null);
        String jndiName = node.field("jndiname").string(BrokerConfig.DEFAULT_JNDI_NAME);
        String prefix = node.field("destinationprefix").string(BrokerConfig.DEFAULT_PREFIX);
        BrokerConfig.Role role = node.field("role").choice(BrokerConfig.Role.BOTH, BrokerConfig.Role.values(),
                ConfigParser::lower);
        boolean spread = node.field("spread").bool(true);
        return node.build(() -> new BrokerConfig(factory, url, user, password, jndiName, prefix, role, spread),
                node.path());
    }

    /** Behind a broker, an endpoint's name is its queue's, which must not be the deliverers' topic's. */
    private static void checkBrokerNames(List<EndpointConfig> endpoints, ConfigNode node) {
        List<ConfigNode> items = node.present() ? node.array() : List.of();
        for (int i = 0; i < endpoints.size(); i++) {
            try {
                BrokerConfig.checkEndpointName(endpoints.get(i).name());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(items.get(i).path() + ".name", e.getMessage());
            }
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static JournalConfig journal(ConfigNode node) {
        if (!node.present()) {
            return null;
        }
        node.object(JOURNAL);
        String directory = node.field("directory").string(null);
        if (directory == null || directory.isBlank()) {
            throw new ConfigException(node.path() + ".directory", "is required: the directory the journal is kept in");
        }
        JournalConfig.Fsync fsync = node.field("fsync").choice(JournalConfig.Fsync.INTERVAL,
                JournalConfig.Fsync.values(), f -> f.name().toLowerCase(java.util.Locale.ROOT));
        Duration interval = node.field("interval").duration(JournalConfig.DEFAULT_INTERVAL, false);
        long segmentBytes = node.field("segmentbytes").integer(JournalConfig.DEFAULT_SEGMENT_BYTES, 4096,
                Long.MAX_VALUE);
        long maxBytes = node.field("maxbytes").integer(Math.max(JournalConfig.DEFAULT_MAX_BYTES, segmentBytes),
                segmentBytes, Long.MAX_VALUE);
        Duration retention = node.field("retention").duration(Duration.ZERO, true);
        return node.build(() -> new JournalConfig(java.nio.file.Path.of(directory), fsync, interval, maxBytes,
                segmentBytes, retention), node.path());
    }

    /** An endpoint's {@code log} block, or {@code notifications.log}: what it leaves out is the given default's. */
    private static AttemptLogConfig log(ConfigNode node, AttemptLogConfig defaults) {
        if (!node.present()) {
            return defaults;
        }
        node.object(LOG);
        int attempts = (int) node.field("attempts").integer(defaults.attempts(), 0, Integer.MAX_VALUE);
        Duration retention = node.field("retention").duration(defaults.retention(), false);
        long maxBytes = node.field("maxbytes").integer(defaults.maxBytes(), AttemptLogConfig.MIN_MAX_BYTES,
                Long.MAX_VALUE);
        return node.build(() -> new AttemptLogConfig(attempts, retention, maxBytes), node.path());
    }

    private static List<EndpointConfig> endpoints(ConfigNode node, AttemptLogConfig log) {
        if (!node.present()) {
            return List.of();
        }
        List<EndpointConfig> endpoints = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        List<ConfigNode> items = node.array();
        for (ConfigNode item : items) {
            EndpointConfig endpoint = endpoint(item, log);
            String previous = names.putIfAbsent(endpoint.name(), item.path());
            if (previous != null) {
                throw new ConfigException(item.path() + ".name", "\"" + endpoint.name() + "\" is already the name of "
                        + previous);
            }
            endpoints.add(endpoint);
        }
        return endpoints;
    }

    private static SigningConfig signing(ConfigNode node) {
        if (!node.present()) {
            return SigningConfig.NONE;
        }
        node.object(SIGNING);
        ConfigNode secrets = node.field("secrets");
        List<String> values = secrets.strings();
        try {
            return new SigningConfig(values);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(secrets.path(), e.getMessage());
        }
    }

    /**
     * An absent block keeps distribution's rule, and so does one without {@code policy} that sets only bounds: bounding
     * the attempts must not change how they are paced. A delay of the exponential policy ({@code initialdelay},
     * {@code maxdelay}) chooses it. The endpoint's {@code threshold} and {@code backoff} keys, read before, are part of
     * the retry either way.
     */
    private static RetryConfig retry(ConfigNode node, int threshold, Duration backoff) {
        if (!node.present()) {
            return RetryConfig.distribution(threshold, backoff);
        }
        node.object(RETRY);
        boolean exponentialDelays = node.field("initialdelay").present() || node.field("maxdelay").present();
        RetryConfig.Policy policy = node.field("policy").choice(exponentialDelays ? RetryConfig.Policy.EXPONENTIAL
                : RetryConfig.Policy.DISTRIBUTION, RetryConfig.Policy.values(), RetryConfig.Policy::key);
        Duration initial = node.field("initialdelay").duration(RetryConfig.DEFAULT_INITIAL_DELAY, false);
        Duration max = node.field("maxdelay").duration(RetryConfig.DEFAULT_MAX_DELAY, false);
        int maxAttempts = (int) node.field("maxattempts").integer(0, 0, Integer.MAX_VALUE);
        Duration maxAge = node.field("maxage").duration(Duration.ZERO, true);
        return node.build(() -> new RetryConfig(policy, threshold, backoff, initial, max, maxAttempts, maxAge),
                node.path());
    }

    /**
     * @param json a JSON text
     * @param what what it is, for the error ({@code the configuration})
     * @return its value, read strictly (no duplicate key)
     * @throws ConfigException saying where the text is not JSON
     */
    static JsonValue json(String json, String what) {
        try {
            StrictJson.check(json);
            try (JsonReader reader = Json.createReader(new StringReader(json))) {
                return reader.readValue();
            }
        } catch (JsonParsingException e) {
            throw new ConfigException("", what + " is not JSON: " + SyntaxErrors.describe(e), e);
        } catch (JsonException e) {
            throw new ConfigException("", what + " is not JSON: " + e.getMessage(), e);
        }
    }

    static EndpointConfig endpoint(ConfigNode node, AttemptLogConfig defaultLog) {
        node.object(ENDPOINT);
        String name = node.field("name").string(null);
        if (name == null || name.isBlank()) {
            throw new ConfigException(node.path() + ".name", "is required: every endpoint needs a name");
        }
        URI url = node.field("url").url(false);
        Map<String, List<String>> headers = node.field("headers").headers();
        Duration timeout = node.field("timeout").distributionDuration(TransportConfig.DEFAULT_TIMEOUT);
        Duration backoff = node.field("backoff").distributionDuration(RetryConfig.DEFAULT_BACKOFF);
        long threshold = node.field("threshold").integer(0, 0, Integer.MAX_VALUE);
        Set<String> mediaTypes = new LinkedHashSet<>(node.field("ignoredmediatypes").strings());
        Set<String> actions = new LinkedHashSet<>();
        ConfigNode ignore = node.field("ignore");
        if (ignore.present()) {
            ignore.object(IGNORE);
            mediaTypes.addAll(ignore.field("mediatypes").strings());
            ConfigNode actionsNode = ignore.field("actions");
            List<String> listed = actionsNode.strings();
            for (int i = 0; i < listed.size(); i++) {
                if (!IgnoreConfig.ACTIONS.contains(listed.get(i))) {
                    throw new ConfigException(actionsNode.path() + "[" + i + "]", "\"" + listed.get(i)
                            + "\" is not an action (expected one of " + IgnoreConfig.ACTIONS + ")");
                }
            }
            actions.addAll(listed);
        }
        FilterConfig filter = FilterReader.read(node.field("filter"));
        GuardConfig guard = FilterReader.guard(node.field("guard"));
        RateLimitConfig rateLimit = FilterReader.rateLimit(node.field("ratelimit"));
        TlsConfig tls = FilterReader.tls(node.field("tls"));
        BatchConfig batch = BatchConfig.SINGLE;
        ConfigNode batchNode = node.field("batch");
        if (batchNode.present()) {
            batchNode.object(BATCH);
            batch = new BatchConfig((int) batchNode.field("maxevents").integer(1, 1, Integer.MAX_VALUE),
                    batchNode.field("maxbytes").integer(BatchConfig.SINGLE.maxBytes(), 1, Long.MAX_VALUE));
        }
        Format format = node.field("format").choice(Format.V1, Format.values(), Format::key);
        boolean disabled = node.field("disabled").bool(false);
        int capacity = (int) node.field("queuecapacity").integer(QueueConfig.DEFAULT_CAPACITY, 1,
                Integer.MAX_VALUE);
        int maxInFlight = (int) node.field("maxinflight").integer(1, 1, QueueConfig.MAX_IN_FLIGHT);
        SigningConfig signing = signing(node.field("signing"));
        String typePrefix = node.field("typeprefix").string(EnvelopeConfig.DEFAULT_TYPE_PREFIX);
        // distribution takes zero (or absent) as "use the default"
        int finalThreshold = threshold == 0 ? RetryConfig.DEFAULT_THRESHOLD : (int) threshold;
        RetryConfig retry = retry(node.field("retry"), finalThreshold, backoff);
        BatchConfig finalBatch = batch;
        AttemptLogConfig log = log(node.field("log"), defaultLog);
        return node.build(() -> EndpointConfig.builder(name, url).disabled(disabled).headers(headers)
                .timeout(timeout).signing(signing).retry(retry).queueCapacity(capacity).maxInFlight(maxInFlight)
                .format(format).typePrefix(typePrefix).batch(finalBatch).ignore(new IgnoreConfig(mediaTypes, actions))
                .filter(filter).guard(guard).rateLimit(rateLimit).tls(tls).log(log).build(), node.path());
    }
}
