package dev.regnotify.config;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

/**
 * Reads one endpoint's configuration object alone, with the keys and the checks of an item of
 * {@code notifications.endpoints[]}: what a subscription created at runtime is made of. An error names the key path
 * within that object ({@code filter.repositories[0]}).
 *
 * @since 0.4
 */
public final class EndpointReader {

    private EndpointReader() {
    }

    /**
     * @param json an endpoint's configuration object
     * @return the endpoint
     * @throws ConfigException naming the key at fault (empty when the text is not a JSON object)
     */
    public static EndpointConfig read(String json) {
        JsonValue document;
        try {
            StrictJson.check(json);
            try (JsonReader reader = Json.createReader(new StringReader(json))) {
                document = reader.readValue();
            }
        } catch (JsonParsingException e) {
            throw new ConfigException("", "not JSON: " + SyntaxErrors.describe(e), e);
        } catch (JsonException e) {
            throw new ConfigException("", "not JSON: " + e.getMessage(), e);
        }
        return ConfigParser.endpoint(new ConfigNode("", document), AttemptLogConfig.DEFAULT);
    }
}
