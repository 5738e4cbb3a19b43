package dev.regnotify.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the blocks of issue 26: an endpoint's {@code filter} (what it wants), {@code guard} (where it may connect),
 * {@code ratelimit} (how fast it may send) and {@code tls} (whom it trusts, what it presents), and
 * {@code notifications.subscriptions}. Each bad item is an error naming its path ({@code filter.tags[1]}).
 */
final class FilterReader {

    private static final List<String> KEYS = List.of("repositories", "tags", "actions", "mediatypes", "kinds");
    private static final List<String> GUARD = List.of("allownetworks");
    private static final List<String> SUBSCRIPTIONS = List.of("file", "allownetworks", "max");
    private static final List<String> RATE_LIMIT = List.of("eventspersecond", "burst");
    private static final List<String> TLS = List.of("ca", "certificate", "key");
    private static final int MOST_PER_SECOND = 1_000_000;

    private FilterReader() {
    }

    static FilterConfig read(ConfigNode node) {
        if (!node.present()) {
            return FilterConfig.ALL;
        }
        node.object(KEYS);
        List<Glob> repositories = items(node.field("repositories"), Glob::repository);
        List<Glob> tags = items(node.field("tags"), Glob::tag);
        Set<String> actions = new LinkedHashSet<>(items(node.field("actions"),
                named(IgnoreConfig.ACTIONS, "an action")));
        Set<String> mediaTypes = new LinkedHashSet<>(node.field("mediatypes").strings());
        Set<String> kinds = new LinkedHashSet<>(items(node.field("kinds"), named(FilterConfig.KINDS, "a kind")));
        return node.build(() -> new FilterConfig(repositories, tags, actions, mediaTypes, kinds), node.path());
    }

    /** A {@code guard} block, even empty, turns the guard on. */
    static GuardConfig guard(ConfigNode node) {
        if (!node.present()) {
            return GuardConfig.OFF;
        }
        node.object(GUARD);
        return GuardConfig.allowing(items(node.field("allownetworks"), Cidr::parse));
    }

    /** {@code notifications.subscriptions}: where they are kept, which networks they may reach, how many. */
    static SubscriptionsConfig subscriptions(ConfigNode node) {
        if (!node.present()) {
            return SubscriptionsConfig.DEFAULT;
        }
        node.object(SUBSCRIPTIONS);
        String file = node.field("file").string(null);
        if (file != null && file.isBlank()) {
            throw new ConfigException(node.path() + ".file", "is blank: a file to keep the subscriptions in");
        }
        List<Cidr> allowed = items(node.field("allownetworks"), Cidr::parse);
        int max = (int) node.field("max").integer(SubscriptionsConfig.DEFAULT_MAX, 1, Integer.MAX_VALUE);
        return new SubscriptionsConfig(file == null ? null : java.nio.file.Path.of(file), allowed, max);
    }

    /** {@code eventspersecond} is required; {@code burst} defaults to one second's worth. */
    static RateLimitConfig rateLimit(ConfigNode node) {
        if (!node.present()) {
            return RateLimitConfig.NONE;
        }
        node.object(RATE_LIMIT);
        ConfigNode rate = node.field("eventspersecond");
        if (!rate.present()) {
            throw new ConfigException(rate.path(), "is required: the events per second the endpoint may be sent");
        }
        int perSecond = (int) rate.integer(0, 1, MOST_PER_SECOND);
        int burst = (int) node.field("burst").integer(perSecond, 1, MOST_PER_SECOND);
        return new RateLimitConfig(perSecond, burst);
    }

    /** Paths of PEM files, relative to the working directory; read when the endpoint starts. */
    static TlsConfig tls(ConfigNode node) {
        if (!node.present()) {
            return TlsConfig.DEFAULT;
        }
        node.object(TLS);
        Path ca = path(node.field("ca"));
        Path certificate = path(node.field("certificate"));
        Path key = path(node.field("key"));
        if ((certificate == null) != (key == null)) {
            ConfigNode missing = node.field(certificate == null ? "certificate" : "key");
            throw new ConfigException(missing.path(), "is required with " + (certificate == null ? "tls.key"
                    : "tls.certificate") + ": a client certificate needs both its certificate and its key");
        }
        return new TlsConfig(ca, certificate, key);
    }

    private static Path path(ConfigNode node) {
        String text = node.string(null);
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            throw new ConfigException(node.path(), "is empty: give the path of a PEM file");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new ConfigException(node.path(), "\"" + text + "\" is not a path: " + e.getReason());
        }
    }

    private static Function<String, String> named(List<String> known, String what) {
        return value -> {
            if (!known.contains(value)) {
                throw new IllegalArgumentException("\"" + value + "\" is not " + what + " (expected one of " + known
                        + ")");
            }
            return value;
        };
    }

    private static <T> List<T> items(ConfigNode list, Function<String, T> reader) {
        List<T> read = new ArrayList<>();
        if (!list.present()) {
            return read;
        }
        for (ConfigNode item : list.array()) {
            String text = item.string(null);
            if (text == null) {
                item.failNull();
            }
            read.add(item.build(() -> reader.apply(text), item.path()));
        }
        return read;
    }
}
