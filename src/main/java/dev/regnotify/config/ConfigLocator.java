package dev.regnotify.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Finds the configuration file, in order: the file named by the system property {@value #PROPERTY}, else by the
 * environment variable {@value #ENVIRONMENT}, else {@value #RESOURCE} on the class path, else none. (An
 * application-produced {@link RegnotifyConfig} bean comes before all of these; the CDI layer checks it.)
 *
 * @since 0.1
 */
public final class ConfigLocator {

    /** The system property naming a configuration file. */
    public static final String PROPERTY = "regnotify.config";
    /** The environment variable naming a configuration file. */
    public static final String ENVIRONMENT = "REGNOTIFY_CONFIG";
    /** The class-path resource read when neither names a file. */
    public static final String RESOURCE = "META-INF/regnotify.json";

    /**
     * A configuration and where it came from.
     *
     * @param config the configuration
     * @param origin where it came from, for the log: a file, a resource URL, or {@code defaults}
     */
    public record Located(RegnotifyConfig config, String origin) {
    }

    private ConfigLocator() {
    }

    /**
     * @param loader the class loader to look for {@value #RESOURCE} in
     * @return the configuration found, or the defaults
     * @throws ConfigException if a file is found but cannot be read or is invalid
     */
    public static Located locate(ClassLoader loader) {
        String file = System.getProperty(PROPERTY);
        if (file != null && !file.isBlank()) {
            return new Located(RegnotifyConfig.read(Path.of(file)), file + " (system property " + PROPERTY + ")");
        }
        file = System.getenv(ENVIRONMENT);
        if (file != null && !file.isBlank()) {
            return new Located(RegnotifyConfig.read(Path.of(file)), file + " (environment variable " + ENVIRONMENT
                    + ")");
        }
        URL resource = loader == null ? null : loader.getResource(RESOURCE);
        if (resource != null) {
            try (InputStream in = resource.openStream()) {
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                try {
                    return new Located(RegnotifyConfig.parse(json), resource.toString());
                } catch (ConfigException e) {
                    throw new ConfigException(e.path(), e.getMessage() + " (in " + resource + ")", e);
                }
            } catch (IOException e) {
                throw new ConfigException(RESOURCE, "cannot read " + resource + ": " + e, e);
            }
        }
        return new Located(RegnotifyConfig.DEFAULT, "defaults");
    }
}
