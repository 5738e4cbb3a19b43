package dev.regnotify.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import dev.regnotify.cdi.NotificationMetrics;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.metrics.JmxRegistration;
import dev.regnotify.events.BlobPushed;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.ProducedConfig;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Recorder;

/** Endpoints start with the container and drain when it stops; the bridge runs before application observers. */
class NotificationLifecycleTest {

    /** An application observer that looks whether the bridge has already taken the event. */
    @ApplicationScoped
    static class BridgeWitness {
        @Inject
        NotificationMetrics metrics;
        volatile long eventsSeenByBridge = -1;

        void on(@Observes BlobPushed pushed) {
            eventsSeenByBridge = metrics.endpoints().get("witnessed").getEvents();
        }

        long seen() {
            return eventsSeenByBridge;
        }
    }

    /** An application observer that always throws, ordered first among the application's. */
    @ApplicationScoped
    static class Thrower {
        void on(@Observes @jakarta.annotation.Priority(1) BlobPushed pushed) {
            throw new IllegalStateException("application bug");
        }
    }

    private static WeldContainer start(RegnotifyConfig config, Class<?>... beans) {
        ProducedConfig.next = config;
        Weld weld = Containers.weld(Containers.withMemoryStorage(beans)).addBeanClasses(ProducedConfig.class);
        return weld.initialize();
    }

    private static void push(WeldContainer container, String content) {
        container.select(BlobStore.class).get().put(RepositoryName.of("life/app"), MediaTypes.OCTET_STREAM,
                Images.bytes(content));
    }

    @Test
    void withoutEndpointsOneLineSaysNotificationsAreOffAndObserversStillGetEvents() {
        try (LogCapture log = LogCapture.start(); WeldContainer container = start(RegnotifyConfig.DEFAULT)) {
            push(container, "a");
            assertEquals(1, container.select(Recorder.class).get().events().size());
            assertEquals(1, log.containing("RN-301 notifications are off").size(), log.lines()::toString);
        }
    }

    @Test
    void theBridgeIsNotifiedBeforeApplicationObservers() {
        try (Receiver receiver = Receiver.start();
                WeldContainer container = start(RegnotifyConfig.DEFAULT.withEndpoint(
                        EndpointConfig.of("witnessed", receiver.url())), BridgeWitness.class)) {
            push(container, "b");
            assertEquals(1, container.select(BridgeWitness.class).get().seen());
        }
    }

    @Test
    void aThrowingApplicationObserverDoesNotStopTheNotification() {
        try (Receiver receiver = Receiver.start(); LogCapture log = LogCapture.start();
                WeldContainer container = start(RegnotifyConfig.DEFAULT.withEndpoint(
                        EndpointConfig.of("unstoppable", receiver.url())), Thrower.class)) {
            push(container, "t");
            receiver.awaitAccepted(1, Duration.ofSeconds(10));
            assertEquals(1, log.containing("RN-201").size(), log.lines()::toString);
        }
    }

    @Test
    void shutdownWithTheReceiverDownReportsTheUndeliveredCountAndUnregistersMetrics() {
        URI dead = URI.create("http://127.0.0.1:" + Receiver.freePort() + "/events");
        RegnotifyConfig config = new RegnotifyConfig(false, List.of(EndpointConfig.of("dead-end", dead)
                .withRetry(Duration.ofMillis(200), 10, Duration.ofMillis(50))), Duration.ofMillis(300),
                null, null);
        try (LogCapture log = LogCapture.start()) {
            WeldContainer container = start(config);
            for (int i = 0; i < 4; i++) {
                push(container, "c" + i);
            }
            assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(JmxRegistration.objectName("dead-end")));
            container.close();
            List<String> report = log.containing("RN-310");
            assertEquals(1, report.size(), log.lines()::toString);
            assertTrue(report.get(0).contains("4 undelivered after 300ms: dead-end=4"), report.get(0));
            assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(
                    JmxRegistration.objectName("dead-end")));
        }
    }

    @Test
    void shutdownDrainsTheQueue() {
        try (Receiver receiver = Receiver.start(); LogCapture log = LogCapture.start()) {
            WeldContainer container = start(RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("drained",
                    receiver.url())));
            for (int i = 0; i < 20; i++) {
                push(container, "d" + i);
            }
            container.close();
            assertEquals(20, receiver.acceptedIds().size());
            assertTrue(log.containing("RN-310 notifications stopped, all delivered: drained=0").size() == 1,
                    log.lines()::toString);
        }
    }
}
