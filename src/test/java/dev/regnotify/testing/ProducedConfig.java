package dev.regnotify.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.regnotify.config.RegnotifyConfig;

/**
 * Produces the configuration of the next container a test starts by hand (without weld-junit): set {@link #next},
 * then start Weld with this class among the beans.
 */
@ApplicationScoped
public class ProducedConfig {

    /** The configuration the next container starts with. */
    public static volatile RegnotifyConfig next = RegnotifyConfig.DEFAULT;

    @Produces
    @Singleton
    RegnotifyConfig config() {
        return next;
    }
}
