package dev.regnotify.messaging;

import java.lang.System.Logger.Level;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

import dev.regnotify.config.BrokerConfig;

/**
 * Where the broker is: its connection factory, the credentials, and how an endpoint's queue is named. Neither the
 * user nor the password appears in {@link #toString()} or in what {@link #describe} gives.
 *
 * @since 0.2
 */
public final class Broker {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.messaging");

    /**
     * Every message of an endpoint carries its name in this standard property: a broker gives all messages of one group
     * to one consumer at a time, and another when that one is gone, so one instance delivers an endpoint's
     * notifications, in order.
     */
    static final String GROUP = "JMSXGroupID";

    private final ConnectionFactory factory;
    private final String user;
    private final String password;
    private final String prefix;
    private final String description;
    // whether its connections are Artemis's client's, made here from a URL: only those can be severed
    private final boolean artemisClient;

    /**
     * @param factory the connection factory
     * @param config the credentials and names
     */
    public Broker(ConnectionFactory factory, BrokerConfig config) {
        this(factory, config, false);
    }

    private Broker(ConnectionFactory factory, BrokerConfig config, boolean artemisClient) {
        this.factory = factory;
        this.artemisClient = artemisClient;
        this.user = config.user();
        this.password = config.password();
        this.prefix = config.destinationPrefix();
        this.description = switch (config.factory()) {
            case URL -> "the broker at " + config.redactedUrl();
            case JNDI -> "the broker of " + config.jndiName();
            case CDI -> "the broker of the application's ConnectionFactory";
        };
    }

    /**
     * @param config a broker with a URL
     * @return the broker, through Apache Artemis's client
     * @throws IllegalStateException if the client is not on the class path, saying what to add
     */
    public static Broker artemis(BrokerConfig config) {
        try {
            return new Broker(ArtemisFactory.create(config.url()), config, true);
        } catch (RuntimeException e) {
            // the client's exception is left out: its message may quote the URL, credentials and all
            throw new IllegalArgumentException("notifications.queue.url " + config.redactedUrl() + " is not a "
                    + "broker URL Artemis takes (such as tcp://127.0.0.1:61616): " + e.getClass().getSimpleName());
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("notifications.queue with a url needs Apache Artemis's client on the "
                    + "class path: add the dependency org.apache.activemq:artemis-jakarta-client (2.40.0 or newer), "
                    + "or hand in a ConnectionFactory (factory jndi or cdi)", e);
        }
    }

    /** @return a new connection, not started */
    Connection connect() throws JMSException {
        return user == null ? factory.createConnection() : factory.createConnection(user, password);
    }

    /**
     * Closes a connection, if any, quietly: a failure to close changes nothing for delivery (what was not
     * acknowledged goes to another consumer), so it is logged at debug level only.
     *
     * @param connection the connection, or null
     * @param endpoint whose it is
     */
    void close(Connection connection, String endpoint) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.DEBUG, "RN-341 closing the connection of endpoint {0} failed: {1}", endpoint, reason(e));
        }
    }

    /** @return the name of the queue that holds an endpoint's notifications */
    String queueName(String endpoint) {
        return prefix + endpoint;
    }

    /**
     * Ends a connection at once, without asking the broker, so that what waits on it for the broker's answer fails
     * now and a close afterwards returns at once. Only with Artemis's client (a broker URL): a server's factory's
     * connections are left as they are, to be closed as usual.
     *
     * @param connection the connection
     * @return whether it was severed
     */
    boolean sever(Connection connection) {
        try {
            return artemisClient && ArtemisFactory.sever(connection);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "RN-341 severing a connection to {0} failed: {1}", description, reason(e));
            return false;
        }
    }

    /** @return the topic on which delivering instances tell each other which endpoints they deliver */
    String deliverersTopic() {
        return prefix + BrokerConfig.DELIVERERS;
    }

    /** @return where the broker is, for messages, without secrets */
    String describe() {
        return description;
    }

    /**
     * @param failure what the client threw
     * @return why, in a few words, with the user and password (which brokers' messages quote) redacted
     */
    String reason(Exception failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        if (root != failure && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getMessage() + ")";
        }
        return redact(redact(message, user), password);
    }

    private static String redact(String text, String secret) {
        return secret == null || secret.isEmpty() ? text : text.replace(secret, "<redacted>");
    }

    @Override
    public String toString() {
        return "Broker[" + description + ", prefix " + prefix + "]";
    }
}
