package dev.regnotify.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The scenario in WildFly's full profile, its notifications going through the server's own Artemis broker, found as
 * the platform's default connection factory ({@code notifications.queue} of type {@code jms}, no URL): the
 * forwarder and the delivering endpoint both run in the server.
 */
class WildFlyMessagingIT extends WildFlyIT {

    @Override
    Path work() {
        return Path.of("target", "wildfly-messaging-it").toAbsolutePath();
    }

    @Override
    String serverConfig() {
        return "standalone-full.xml";
    }

    /**
     * WildFly's broker creates no queue on demand: the endpoint's queue is declared, as an operator would
     * ({@code jms-queue add --queue-address=regnotify.it-hooks}).
     */
    @Override
    void configure(Path serverConfig) throws IOException {
        String xml = Files.readString(serverConfig);
        String dlq = "<jms-queue name=\"DLQ\"";
        if (!xml.contains(dlq)) {
            throw new IllegalStateException(serverConfig + " has no messaging server to add a queue to");
        }
        Files.writeString(serverConfig, xml.replace(dlq, "<jms-queue name=\"regnotify.it-hooks\" "
                + "entries=\"java:/jms/regnotify.it-hooks\"/>" + dlq));
    }

    @Override
    String moreNotificationsConfig() {
        return ",\"queue\":{\"type\":\"jms\",\"jndiname\":\"java:/ConnectionFactory\"}";
    }

    @Override
    boolean drainsAtStop() {
        return false;
    }
}
