package dev.regnotify.config;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * distribution's {@code config.yml}, read with the same keys as the JSON configuration: its {@code notifications} and
 * {@code source} sections as they are, and {@code http.host} as the base URL of target URLs. The registry's other
 * sections (storage, auth, log ...) are its own: they are ignored, with one log line naming them.
 */
final class YamlConfig {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.config");

    private YamlConfig() {
    }

    /** @return the sections this library reads, as the JSON configuration */
    static String toJson(String yaml, String file) {
        Object document;
        try {
            document = new Load(LoadSettings.builder().setLabel(file).build()).loadFromString(yaml);
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
        return json(kept).toString();
    }

    private static JsonValue json(Object value) {
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            map.forEach((key, item) -> object.add(String.valueOf(key), json(item)));
            return object.build();
        }
        if (value instanceof List<?> list) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            list.forEach(item -> array.add(json(item)));
            return array.build();
        }
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long) {
            return Json.createValue(((Number) value).longValue());
        }
        if (value instanceof java.math.BigInteger big) {
            return Json.createValue(big);
        }
        if (value instanceof Number number) {
            return Json.createValue(number.doubleValue());
        }
        return Json.createValue(String.valueOf(value));
    }
}
