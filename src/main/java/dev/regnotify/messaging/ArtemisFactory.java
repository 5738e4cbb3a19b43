package dev.regnotify.messaging;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

/** The only class that names Artemis's client, so that a missing client is one clear error, not a linkage failure. */
final class ArtemisFactory {

    private ArtemisFactory() {
    }

    static ConnectionFactory create(String url) {
        return new ActiveMQConnectionFactory(url);
    }

    /**
     * Ends a connection of Artemis's client at once, without asking the broker: its socket is closed and every call
     * waiting on it for the broker's answer (a commit, a close) fails now, where Artemis would wait out its call
     * timeout (30 s) for a broker that went silent. No failure listener is told, so the client does not try to
     * reconnect; a close of the connection afterwards asks the broker nothing and returns at once.
     *
     * @return false if it is not a connection of Artemis's client
     */
    static boolean sever(Connection connection) {
        if (!(connection instanceof ActiveMQConnection artemis)) {
            return false;
        }
        RemotingConnection remoting = artemis.getSessionFactory().getConnection();
        if (remoting != null) { // null once closed
            remoting.destroy();
        }
        return true;
    }
}
