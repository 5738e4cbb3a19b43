package dev.regnotify.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads an endpoint's {@code filter} and {@code guard} blocks: what it wants, and where it may connect. Each bad item is
 * an error naming its path ({@code filter.tags[1]}).
 */
final class FilterReader {

    private static final List<String> KEYS = List.of("repositories", "tags", "actions", "mediatypes", "kinds");
    private static final List<String> GUARD = List.of("allownetworks");

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
