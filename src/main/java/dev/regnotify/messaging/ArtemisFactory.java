package dev.regnotify.messaging;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** The only class that names Artemis's client, so that a missing client is one clear error, not a linkage failure. */
final class ArtemisFactory {

    private ArtemisFactory() {
    }

    static ConnectionFactory create(String url) {
        return new ActiveMQConnectionFactory(url);
    }
}
