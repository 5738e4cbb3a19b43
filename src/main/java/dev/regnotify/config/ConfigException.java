package dev.regnotify.config;

/**
 * A configuration value is missing or wrong. The message starts with the key path, such as
 * {@code notifications.endpoints[1].timeout: "5 sec" is not a duration (expected Go syntax such as 500ms or 1m30s)}.
 *
 * @since 0.1
 */
public class ConfigException extends RuntimeException {

    private final String path;

    /**
     * @param path the key path of the value at fault, such as {@code notifications.endpoints[1].timeout}
     * @param reason what is wrong and what was expected
     */
    public ConfigException(String path, String reason) {
        super(path.isEmpty() ? reason : path + ": " + reason);
        this.path = path;
    }

    /**
     * @param path the key path, or the file, at fault
     * @param reason what is wrong
     * @param cause the underlying failure
     */
    public ConfigException(String path, String reason, Throwable cause) {
        super(path.isEmpty() || reason.startsWith(path + ": ") ? reason : path + ": " + reason, cause);
        this.path = path;
    }

    /** @return the key path of the value at fault; empty for the document as a whole */
    public String path() {
        return path;
    }
}
