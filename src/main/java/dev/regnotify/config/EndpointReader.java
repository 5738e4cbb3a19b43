package dev.regnotify.config;

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
        return ConfigParser.endpoint(new ConfigNode("", ConfigParser.json(json, "the endpoint")),
                AttemptLogConfig.DEFAULT);
    }
}
