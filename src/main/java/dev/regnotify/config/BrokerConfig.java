package dev.regnotify.config;

import java.util.Objects;

/**
 * The notification queue on a message broker ({@code notifications.queue} with {@code "type": "jms"}): every
 * registry instance forwards its notifications to the broker, and one instance at a time delivers each endpoint's.
 * The user and password never appear in {@link #toString()}, nor does the URL's query.
 *
 * @param factory how the {@code jakarta.jms.ConnectionFactory} is obtained
 * @param url with {@link Factory#URL}, the Artemis broker URL ({@code tcp://127.0.0.1:61616})
 * @param user the broker user, or null
 * @param password the broker password, or null
 * @param jndiName with {@link Factory#JNDI}, the connection factory's JNDI name
 * @param destinationPrefix what each endpoint's queue name starts with; the endpoint's name follows
 * @param role what this instance does
 * @param spread whether delivering instances share the endpoints out among themselves ({@code spread}, since 0.5),
 *        telling each other over the topic {@link #DELIVERERS} after the prefix; if not, the broker gives each
 *        endpoint to whichever deliverer it picks
 * @since 0.2
 */
public record BrokerConfig(Factory factory, String url, String user, String password, String jndiName,
        String destinationPrefix, Role role, boolean spread) {

    /** The connection factory of a Jakarta EE server, the default with no {@code url}. */
    public static final String DEFAULT_JNDI_NAME = "java:comp/DefaultJMSConnectionFactory";
    /** The default prefix of the endpoints' queue names. */
    public static final String DEFAULT_PREFIX = "regnotify.";
    /**
     * What the topic on which delivering instances share the endpoints out is named, after the prefix
     * ({@code regnotify.$deliverers}): an endpoint of this name behind a broker is refused, since its queue would
     * bear the topic's name.
     *
     * @since 0.4
     */
    public static final String DELIVERERS = "$deliverers";

    /** Where the connection factory comes from ({@code factory}). */
    public enum Factory {
        /** Apache Artemis's client, for {@code url} (Java SE). */
        URL,
        /** A JNDI lookup of {@code jndiname} (a Jakarta EE server). */
        JNDI,
        /** A {@code ConnectionFactory} bean the application produces. */
        CDI
    }

    /** What an instance does ({@code role}). */
    public enum Role {
        /** Forwards its registry operations' notifications to the broker, delivers nothing. */
        PRODUCE,
        /** Delivers what the broker holds, produces nothing of its own (a worker). */
        DELIVER,
        /** Both: the default. */
        BOTH;

        /** @return whether this instance forwards its own notifications */
        public boolean produces() {
            return this != DELIVER;
        }

        /** @return whether this instance delivers the broker's notifications to the endpoints */
        public boolean delivers() {
            return this != PRODUCE;
        }
    }

    /** Checks that what the factory needs is there. */
    public BrokerConfig {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(role, "role");
        if (factory == Factory.URL && (url == null || url.isBlank())) {
            throw new IllegalArgumentException("url is required with factory url: the broker's URL, such as "
                    + "tcp://127.0.0.1:61616");
        }
        if (factory == Factory.JNDI && (jndiName == null || jndiName.isBlank())) {
            throw new IllegalArgumentException("jndiname must not be empty");
        }
        if (destinationPrefix == null) {
            throw new IllegalArgumentException("destinationprefix must not be null");
        }
        if (password != null && user == null) {
            throw new IllegalArgumentException("password is given without user");
        }
    }

    /**
     * A configuration whose delivering instances share the endpoints out, as 0.4's did not.
     *
     * @param factory how the {@code jakarta.jms.ConnectionFactory} is obtained
     * @param url with {@link Factory#URL}, the Artemis broker URL
     * @param user the broker user, or null
     * @param password the broker password, or null
     * @param jndiName with {@link Factory#JNDI}, the connection factory's JNDI name
     * @param destinationPrefix what each endpoint's queue name starts with
     * @param role what this instance does
     */
    public BrokerConfig(Factory factory, String url, String user, String password, String jndiName,
            String destinationPrefix, Role role) {
        this(factory, url, user, password, jndiName, destinationPrefix, role, true);
    }

    /**
     * @param url an Artemis broker URL
     * @return the broker at that URL, without credentials, every role, endpoints shared out among deliverers
     */
    public static BrokerConfig at(String url) {
        return new BrokerConfig(Factory.URL, url, null, null, DEFAULT_JNDI_NAME, DEFAULT_PREFIX, Role.BOTH);
    }

    /**
     * @param name an endpoint's name
     * @throws IllegalArgumentException if its queue would be named as the deliverers' topic
     * @since 0.4
     */
    public static void checkEndpointName(String name) {
        if (DELIVERERS.equals(name)) {
            throw new IllegalArgumentException("\"" + DELIVERERS + "\" is no endpoint name behind a broker: its queue "
                    + "would be named as the topic on which the delivering instances share the endpoints out; rename "
                    + "the endpoint");
        }
    }

    /**
     * @param newUser the user, or null
     * @param newPassword the password, or null
     * @return this broker with those credentials
     */
    public BrokerConfig withCredentials(String newUser, String newPassword) {
        return new BrokerConfig(factory, url, newUser, newPassword, jndiName, destinationPrefix, role, spread);
    }

    /**
     * @param newRole what this instance does
     * @return this broker configuration with that role
     */
    public BrokerConfig withRole(Role newRole) {
        return new BrokerConfig(factory, url, user, password, jndiName, destinationPrefix, newRole, spread);
    }

    /**
     * @param newSpread whether delivering instances share the endpoints out among themselves
     * @return this broker configuration with that choice
     * @since 0.4
     */
    public BrokerConfig withSpread(boolean newSpread) {
        return new BrokerConfig(factory, url, user, password, jndiName, destinationPrefix, role, newSpread);
    }

    /**
     * @return the URL as {@link Redaction#url(String)} shows it: its addresses without user information or path, the
     *         query (Artemis takes {@code user} and {@code password} there) as {@code ?<redacted>}; or null
     */
    public String redactedUrl() {
        return url == null ? null : Redaction.url(url);
    }

    @Override
    public String toString() {
        return "BrokerConfig[factory=" + factory.name().toLowerCase(java.util.Locale.ROOT) + ", url="
                + redactedUrl() + ", user=" + (user == null ? "none" : "<redacted>") + ", password="
                + (password == null ? "none" : "<redacted>") + ", jndiname=" + jndiName + ", destinationprefix="
                + destinationPrefix + ", role=" + role.name().toLowerCase(java.util.Locale.ROOT) + ", spread=" + spread + "]";
    }
}
