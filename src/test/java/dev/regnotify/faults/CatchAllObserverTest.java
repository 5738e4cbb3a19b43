package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Receiver;

/**
 * An application's audit observer of {@code Object} sees every event fired in the container, the library's internal
 * one first; when it throws, the webhook is still sent.
 */
class CatchAllObserverTest {

    /** Fails on everything it cannot write down, as a JSON-B audit log would on the library's internal type. */
    @ApplicationScoped
    static class Audit {
        void record(@Observes Object event) {
            if (!Modifier.isPublic(event.getClass().getModifiers())) {
                throw new IllegalStateException("cannot serialize " + event.getClass().getName());
            }
        }
    }

    @Test
    void aThrowingObserverOfObjectCannotDropTheWebhook() {
        try (Receiver receiver = Receiver.start(); LogCapture log = LogCapture.start()) {
            RegnotifyConfig config = RegnotifyConfig.DEFAULT
                    .withEndpoint(EndpointConfig.of("receiver", receiver.url()));
            List<String> ids;
            try (WeldContainer container = FaultContainers.start(config, Audit.class)) {
                ids = FaultContainers.push(container, 3);
                receiver.awaitAccepted(3, Duration.ofSeconds(20));
            }
            assertEquals(ids, receiver.acceptedIds(), "every webhook sent, in order");
            assertEquals(3, log.containing("RN-205").size(), log.lines().toString());
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("RN-310") && l.contains("all delivered")));
        }
    }
}
