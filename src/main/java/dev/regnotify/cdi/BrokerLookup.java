package dev.regnotify.cdi;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.jms.ConnectionFactory;

import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.ConfigException;
import dev.regnotify.messaging.Broker;

/**
 * Finds the broker's connection factory as the configuration says: Artemis's client for a URL, a JNDI name in a
 * Jakarta EE server, or a bean the application produces. Loaded only when {@code notifications.queue} is {@code jms},
 * so that an application without Jakarta Messaging never needs its API.
 */
final class BrokerLookup {

    private BrokerLookup() {
    }

    static Broker broker(BrokerConfig config) {
        return switch (config.factory()) {
            case URL -> Broker.artemis(config);
            case JNDI -> new Broker(jndi(config.jndiName()), config);
            case CDI -> new Broker(bean(), config);
        };
    }

    private static ConnectionFactory jndi(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new ConfigException("notifications.queue.jndiname", "no jakarta.jms.ConnectionFactory is bound to "
                    + name + " (" + e.getMessage() + "); in Java SE, give the broker's url instead", e);
        }
    }

    private static ConnectionFactory bean() {
        var factories = CDI.current().select(ConnectionFactory.class);
        if (!factories.isResolvable()) {
            throw new ConfigException("notifications.queue.factory", "cdi needs exactly one jakarta.jms."
                    + "ConnectionFactory bean; the application has " + (factories.isAmbiguous() ? "several" : "none"));
        }
        return factories.get();
    }
}
