package dev.regnotify.config;

import java.lang.System.Logger.Level;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * distribution's {@code config.yml}, read with the same keys as the JSON configuration: its {@code notifications} and
 * {@code source} sections as they are, and {@code http.host} as the base URL of target URLs. The registry's other
 * sections (storage, auth, log ...) are its own: they are ignored, with one log line naming them.
 *
 * <p>A hostile or broken file fails with a {@link ConfigException}, never a {@code StackOverflowError} or minutes of
 * work: SnakeYAML composes nested collections recursively and has no depth limit, so the nesting is measured on its
 * event stream first; and aliases share one value among many places, which the conversion to JSON would expand
 * ("billion laughs"), so they are counted, and the expansion is bounded.
 */
final class YamlConfig {

    /** The most aliases ({@code *name}) a file may use, of scalars or collections; a configuration needs few. */
    static final int MAX_ALIASES = 50;
    /** The most values the sections read may hold once aliases are expanded. */
    static final int MAX_VALUES = 100_000;
    /** The most characters of keys and scalars the sections read may hold once aliases are expanded. */
    static final long MAX_CHARACTERS = 10_000_000;

    private static final System.Logger LOG = System.getLogger("dev.regnotify.config");

    private YamlConfig() {
    }

    /** @return the sections this library reads, as the JSON configuration */
    static String toJson(String yaml, String file) {
        Object document;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file).build();
            checkNestingAndAliases(yaml, settings);
            document = new Load(settings).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new ConfigException("", "the configuration is not YAML: " + e.getMessage(), e);
        }
        if (document == null) {
            return "{}";
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw new ConfigException("", "expected a mapping at the top of the YAML document");
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        top.forEach((key, value) -> {
            String name = String.valueOf(key);
            switch (name) {
                case "notifications", "source" -> kept.put(name, value);
                case "http" -> {
                    if (value instanceof Map<?, ?> http && http.get("host") != null) {
                        kept.put("baseurl", http.get("host"));
                    }
                }
                default -> ignored.add(name);
            }
        });
        if (!ignored.isEmpty()) {
            LOG.log(Level.INFO, "RN-404 {0}: the sections {1} are the registry''s own and are ignored", file,
                    ignored);
        }
        return new Converter().json(kept, "", 1).toString();
    }

    /** Reads the events only (the parser keeps its own stack, it does not recurse), stopping at the first excess. */
    private static void checkNestingAndAliases(String yaml, LoadSettings settings) {
        int depth = 0;
        int aliases = 0;
        for (Event event : new Parse(settings).parseString(yaml)) {
            if (event instanceof CollectionStartEvent && ++depth > StrictJson.MAX_DEPTH) {
                throw StrictJson.tooDeep(where(event));
            } else if (event instanceof CollectionEndEvent) {
                depth--;
            } else if (event instanceof AliasEvent && ++aliases > MAX_ALIASES) {
                throw new ConfigException("", where(event) + "more than " + MAX_ALIASES + " aliases (*name): a "
                        + "configuration needs few, and each may multiply the document (\"billion laughs\"); write "
                        + "the values out");
            }
        }
    }

    private static String where(Event event) {
        return event.getStartMark().map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ": ")
                .orElse("");
    }

    /**
     * Converts the loaded sections to JSON values, within a budget: aliases would otherwise let a small file expand
     * without bound. One provider serves the whole conversion ({@code Json.createValue} and its siblings look the
     * provider up anew on every call, through the service loader).
     */
    private static final class Converter {

        private final JsonProvider provider = JsonProvider.provider();
        private int values;
        private long characters;

        JsonValue json(Object value, String path, int depth) {
            if ((value instanceof Map || value instanceof List) && depth > StrictJson.MAX_DEPTH) {
                // only an alias inside its own value gets here: the file's own nesting was measured before
                throw new ConfigException(path, "the configuration nests deeper than " + StrictJson.MAX_DEPTH
                        + " levels (an alias inside its own value?)");
            }
            if (value instanceof Map<?, ?> map) {
                spend(null, path);
                JsonObjectBuilder object = provider.createObjectBuilder();
                Set<String> names = new HashSet<>();
                map.forEach((key, item) -> {
                    String name = String.valueOf(key);
                    String itemPath = path.isEmpty() ? name : path + "." + name;
                    if (!names.add(name)) {
                        throw new ConfigException(itemPath, "is given twice in the same mapping (as two keys that "
                                + "read as the same text)");
                    }
                    spend(name, itemPath);
                    object.add(name, json(item, itemPath, depth + 1));
                });
                return object.build();
            }
            if (value instanceof List<?> list) {
                spend(null, path);
                JsonArrayBuilder array = provider.createArrayBuilder();
                for (int i = 0; i < list.size(); i++) {
                    array.add(json(list.get(i), path + "[" + i + "]", depth + 1));
                }
                return array.build();
            }
            spend(value == null ? null : String.valueOf(value), path);
            return scalar(value);
        }

        private void spend(String text, String path) {
            if (++values > MAX_VALUES) {
                throw new ConfigException("", "its aliases expand the configuration beyond " + MAX_VALUES
                        + " values (at " + path + "); write the values out");
            }
            characters += text == null ? 0 : text.length();
            if (characters > MAX_CHARACTERS) {
                throw new ConfigException("", "its aliases expand the configuration beyond " + MAX_CHARACTERS
                        + " characters (at " + path + "); write the values out");
            }
        }

        private JsonValue scalar(Object value) {
            if (value == null) {
                return JsonValue.NULL;
            }
            if (value instanceof Boolean bool) {
                return bool ? JsonValue.TRUE : JsonValue.FALSE;
            }
            if (value instanceof Integer || value instanceof Long) {
                return provider.createValue(((Number) value).longValue());
            }
            if (value instanceof BigInteger big) {
                return provider.createValue(big);
            }
            if (value instanceof Number number) {
                return provider.createValue(number.doubleValue());
            }
            return provider.createValue(String.valueOf(value));
        }
    }
}
