package com.example.registry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.regnotify.subscriptions.Subscription;
import dev.regnotify.subscriptions.SubscriptionStore;
import dev.regnotify.subscriptions.SubscriptionStoreException;

/**
 * The application's own store of webhook subscriptions: a table of its database (H2 here, in the registry's
 * directory; any JDBC database in a real application, through its {@code DataSource}). Being a bean, it is the one the
 * library uses. Each change is committed before its method returns; a failure is a {@link SubscriptionStoreException},
 * and the library then refuses the change.
 */
@ApplicationScoped
public class JdbcSubscriptionStore implements SubscriptionStore {

    private static final String TABLE = "CREATE TABLE IF NOT EXISTS webhook_subscription ("
            + "name VARCHAR(128) PRIMARY KEY, owner VARCHAR(256) NOT NULL, document CLOB NOT NULL, "
            + "created TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)";

    private final String url = System.getProperty("registry.subscriptions.jdbc", "jdbc:h2:file:"
            + Path.of(System.getProperty("registry.root", "target/registry")).toAbsolutePath()
                    .resolve("subscriptions"));
    private boolean created;

    private synchronized Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        if (!created) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(TABLE);
            }
            created = true;
        }
        return connection;
    }

    @Override
    public List<Subscription> load() {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT document FROM webhook_subscription ORDER BY created, name");
                ResultSet rows = select.executeQuery()) {
            List<Subscription> loaded = new ArrayList<>();
            while (rows.next()) {
                loaded.add(Subscription.fromJson(rows.getString(1)));
            }
            return loaded;
        } catch (SQLException e) {
            throw new SubscriptionStoreException("cannot read the subscriptions (SQL state " + e.getSQLState()
                    + ", error " + e.getErrorCode() + ")", null);
        }
    }

    /** Updates the row in place, so that a subscription keeps its place in the order of creation. */
    @Override
    public void put(Subscription subscription) {
        try (Connection connection = connect();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE webhook_subscription SET owner = ?, document = ? WHERE name = ?")) {
            update.setString(1, subscription.owner());
            update.setString(2, subscription.toJson());
            update.setString(3, subscription.name());
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO webhook_subscription (name, owner, document) VALUES (?, ?, ?)")) {
                    insert.setString(1, subscription.name());
                    insert.setString(2, subscription.owner());
                    insert.setString(3, subscription.toJson());
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            // neither the driver's message nor the exception goes on: a driver may quote the values, and the
            // document holds the subscription's secrets
            throw new SubscriptionStoreException("cannot keep subscription " + subscription.name() + " (SQL state "
                    + e.getSQLState() + ", error " + e.getErrorCode() + ")", null);
        }
    }

    @Override
    public void remove(String name) {
        try (Connection connection = connect();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM webhook_subscription WHERE name = ?")) {
            delete.setString(1, name);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new SubscriptionStoreException("cannot delete subscription " + name + " (SQL state "
                    + e.getSQLState() + ", error " + e.getErrorCode() + ")", null);
        }
    }
}
