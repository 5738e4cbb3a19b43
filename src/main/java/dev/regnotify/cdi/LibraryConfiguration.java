package dev.regnotify.cdi;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.regnotify.config.ConfigException;
import dev.regnotify.config.ConfigLocator;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.config.SourceConfig;
import dev.regnotify.events.SourceRecord;

/**
 * The configuration in force: an application's {@link RegnotifyConfig} bean if it produces one, else the file or
 * resource {@link ConfigLocator} finds, else the defaults. Read once, when the container starts.
 */
@ApplicationScoped
class LibraryConfiguration {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.config");

    private RegnotifyConfig config;
    private SourceRecord source;
    private String origin;

    LibraryConfiguration() {
    }

    @Inject
    LibraryConfiguration(Instance<RegnotifyConfig> produced) {
        try {
            if (produced.isResolvable()) {
                config = produced.get();
                origin = "the application's RegnotifyConfig bean";
            } else {
                ConfigLocator.Located located = ConfigLocator.locate(Thread.currentThread().getContextClassLoader());
                config = located.config();
                origin = located.origin();
            }
        } catch (ConfigException e) {
            throw refused(e);
        }
        LOG.log(Level.INFO, "RN-401 configuration from {0}", origin);
        source = sourceOf(config.source());
    }

    /** Reads the configuration as the container starts, so that a bad file fails the start, not the first event. */
    void onStart(@Observes Startup startup) {
        // creating this bean did the work
    }

    RegnotifyConfig config() {
        return config;
    }

    /** @return where the configuration came from, for messages */
    String origin() {
        return origin;
    }

    /**
     * Says a configuration error in one line of its own before it fails the start: the container wraps the exception
     * in tens of lines of stack trace, where its message is easy to miss.
     */
    static ConfigException refused(ConfigException e) {
        LOG.log(Level.ERROR, "RN-403 the configuration is wrong, notifications cannot start: {0}", e.getMessage());
        return e;
    }

    SourceRecord source() {
        return source;
    }

    private static SourceRecord sourceOf(SourceConfig configured) {
        String addr = configured.addr() != null ? configured.addr() : hostName();
        String instance = configured.instanceID() != null ? configured.instanceID() : UUID.randomUUID().toString();
        return new SourceRecord(addr, instance);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            LOG.log(Level.DEBUG, "RN-402 host name unknown, source.addr is localhost: {0}", e.toString());
            return "localhost";
        }
    }
}
