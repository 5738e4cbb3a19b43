package dev.regnotify.testing;

import java.nio.file.Path;
import java.util.Set;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * An Artemis broker in the test JVM, on 127.0.0.1, persisting to a directory: stopping and starting it again is a
 * broker restart that keeps its messages.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final int port;
    private final Path directory;
    // the addresses whose messages the broker never gives up, or null for Artemis's defaults
    private final String unlimited;
    private boolean rebalance;
    // an address on which every client is refused everything, or null
    private String refused;
    private EmbeddedActiveMQ server;

    private EmbeddedBroker(Path directory, String unlimited) {
        this.directory = directory;
        this.unlimited = unlimited;
        this.port = Receiver.freePort();
    }

    /** @return a started broker persisting in the directory, with Artemis's default address settings */
    public static EmbeddedBroker start(Path directory) throws Exception {
        return start(directory, null);
    }

    /**
     * @param unlimited the addresses (such as {@code regnotify.#}) whose messages it never gives up however often
     *            they are delivered, as docs/distributed.md tells operators to set {@code max-delivery-attempts}
     * @return a started broker persisting in the directory
     */
    public static EmbeddedBroker startWithoutDeliveryLimit(Path directory, String unlimited) throws Exception {
        return start(directory, unlimited);
    }

    /**
     * @param settled the addresses (such as {@code regnotify.#}) set as docs/distributed.md tells operators to, for
     *            several deliverers to share the endpoints: never giving a message up, and moving message groups to
     *            a consumer that joins once what the last one had in flight is acknowledged
     * @return a started broker persisting in the directory
     */
    public static EmbeddedBroker startForScaleOut(Path directory, String settled) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(directory, settled);
        broker.rebalance = true;
        broker.restart();
        return broker;
    }

    /**
     * @param refused an address on which the broker refuses every client everything (sending, subscribing), as a
     *            broker whose security allows the endpoints' queues only
     * @return a started broker persisting in the directory, its messages never given up on {@code regnotify.#}
     */
    public static EmbeddedBroker startRefusing(Path directory, String refused) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(directory, "regnotify.#");
        broker.refused = refused;
        broker.restart();
        return broker;
    }

    /** From now on, allows everything on the address it refused: its operator changed its mind. */
    public void allowRefused() {
        server.getActiveMQServer().getSecurityRepository().addMatch(refused, Set.of(role(true)));
    }

    private static Role role(boolean allowed) {
        return new Role("everyone", allowed, allowed, allowed, allowed, allowed, allowed, allowed, allowed, allowed,
                allowed);
    }

    private static EmbeddedBroker start(Path directory, String unlimited) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(directory, unlimited);
        broker.restart();
        return broker;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * @param queue a queue's name
     * @return the messages it holds, those delivered to a consumer and not acknowledged included; 0 if it does not
     *         exist
     */
    public long messageCount(String queue) {
        Queue found = server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getMessageCount();
    }

    /** Starts it (again), with what it persisted. */
    public void restart() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalDirectory(directory.resolve("journal").toString())
                .setBindingsDirectory(directory.resolve("bindings").toString())
                .setLargeMessagesDirectory(directory.resolve("large").toString())
                .setPagingDirectory(directory.resolve("paging").toString())
                .addAcceptorConfiguration("tcp", url());
        if (unlimited != null) {
            config.addAddressSetting(unlimited, new AddressSettings().setMaxDeliveryAttempts(-1)
                    .setDefaultGroupRebalance(rebalance).setDefaultGroupRebalancePauseDispatch(rebalance));
        }
        server = new EmbeddedActiveMQ().setConfiguration(config);
        if (refused != null) {
            config.setSecurityEnabled(true).setSecurityInvalidationInterval(0);
            config.putSecurityRoles("#", Set.of(role(true)));
            config.putSecurityRoles(refused, Set.of(role(false)));
            server.setSecurityManager(new ActiveMQSecurityManager() {
                @Override
                public boolean validateUser(String user, String password) {
                    return true;
                }

                @Override
                public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType check) {
                    return roles.stream().anyMatch(check::hasRole);
                }
            });
        }
        server.start();
    }

    /** Stops it: its clients lose their connections. */
    public void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("the broker did not stop", e);
            }
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
