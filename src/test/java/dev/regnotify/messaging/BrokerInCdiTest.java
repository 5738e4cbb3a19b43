package dev.regnotify.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.cdi.NotificationMetrics;
import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.EndpointMetricsMXBean;
import dev.regnotify.delivery.events.DeliveryEvent;
import dev.regnotify.delivery.events.DeliveryFailed;
import dev.regnotify.delivery.events.NotificationsDropped;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.ProducedConfig;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.StorageBeans;

/**
 * {@code notifications.queue} in Weld SE: a registry instance that produces only puts its notifications in the broker
 * and delivers none; one that delivers only takes them from there to the receiver.
 */
class BrokerInCdiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static WeldContainer start(RegnotifyConfig config) {
        ProducedConfig.next = config;
        return Containers.weld(StorageBeans.services()).addBeanClasses(StorageBeans.Memory.class,
                ProducedConfig.class).initialize();
    }

    /** The application's own connection factory, which {@code factory: cdi} takes. */
    @ApplicationScoped
    public static class Factories {
        static volatile String url;

        @Produces
        @Singleton
        ConnectionFactory factory() {
            return new ActiveMQConnectionFactory(url);
        }
    }

    @Test
    void aConnectionFactoryBeanOfTheApplicationIsUsed(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir); Receiver receiver = Receiver.start()) {
            Factories.url = broker.url();
            ProducedConfig.next = RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("scans", receiver.url()))
                    .withBroker(new BrokerConfig(BrokerConfig.Factory.CDI, null, null, null,
                            BrokerConfig.DEFAULT_JNDI_NAME, "app.", BrokerConfig.Role.BOTH));
            try (WeldContainer container = Containers.weld(StorageBeans.services()).addBeanClasses(
                    StorageBeans.Memory.class, ProducedConfig.class, Factories.class).initialize()) {
                container.select(BlobStore.class).get().put(RepositoryName.of("team/app"), MediaTypes.OCTET_STREAM,
                        Images.bytes("layer"));
                receiver.awaitAccepted(1, WAIT);
            }
        }
    }

    /** Observes what forwarders tell the application. */
    @ApplicationScoped
    public static class Told {
        static final BlockingQueue<DeliveryEvent> EVENTS = new LinkedBlockingQueue<>();

        void dropped(@ObservesAsync NotificationsDropped dropped) {
            EVENTS.add(dropped);
        }

        void failed(@ObservesAsync DeliveryFailed failed) {
            EVENTS.add(failed);
        }
    }

    @Test
    void withTheBrokerAwayTheApplicationIsToldOfFailedForwardingAndOfDroppedEvents() throws Exception {
        Told.EVENTS.clear();
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("scans",
                java.net.URI.create("http://127.0.0.1:9/x")).withQueueCapacity(5))
                .withBroker(BrokerConfig.at("tcp://127.0.0.1:" + Receiver.freePort())
                        .withRole(BrokerConfig.Role.PRODUCE));
        ProducedConfig.next = config;
        try (WeldContainer producer = Containers.weld(StorageBeans.services()).addBeanClasses(
                StorageBeans.Memory.class, ProducedConfig.class, Told.class).initialize()) {
            BlobStore blobs = producer.select(BlobStore.class).get();
            for (int i = 0; i < 20; i++) {
                blobs.put(RepositoryName.of("team/app"), MediaTypes.OCTET_STREAM, Images.bytes("layer " + i));
            }
            EndpointMetricsMXBean forwarder = producer.select(NotificationMetrics.class).get().endpoints()
                    .get("scans@broker");
            assertTrue(forwarder.getDropped() > 0, "the local queue, of 5, overflowed");
            boolean failed = false;
            long dropped = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while ((!failed || dropped < forwarder.getDropped()) && System.nanoTime() < deadline) {
                DeliveryEvent told = Told.EVENTS.poll(100, TimeUnit.MILLISECONDS);
                if (told instanceof DeliveryFailed f) {
                    assertEquals("scans@broker", f.endpoint());
                    failed = true;
                } else if (told instanceof NotificationsDropped d) {
                    assertEquals("scans@broker", d.endpoint());
                    dropped += d.count();
                }
            }
            assertTrue(failed, "a failed attempt to reach the broker is told");
            assertEquals(forwarder.getDropped(), dropped, "every dropped event is told");
        }
    }

    @Test
    void withoutAServerAJndiNameIsAClearError() {
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("scans",
                java.net.URI.create("http://127.0.0.1:9/x"))).withBroker(new BrokerConfig(BrokerConfig.Factory.JNDI,
                null, null, null, BrokerConfig.DEFAULT_JNDI_NAME, BrokerConfig.DEFAULT_PREFIX,
                BrokerConfig.Role.BOTH));
        Exception failure = assertThrows(Exception.class, () -> start(config).close());
        String messages = "";
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages += t.getMessage() + "\n";
        }
        assertTrue(messages.contains("notifications.queue.jndiname: no jakarta.jms.ConnectionFactory is bound to "
                + "java:comp/DefaultJMSConnectionFactory"), messages);
    }

    @Test
    void aDelivererWhoseEventsCanBecomeDeadLettersIsRefusedWithoutAJournalToKeepThem() {
        EndpointConfig bounded = EndpointConfig.of("scans", java.net.URI.create("http://127.0.0.1:9/x"))
                .withRetryPolicy(RetryConfig.exponential(Duration.ofMillis(10), Duration.ofSeconds(1))
                        .withBounds(3, Duration.ZERO));
        BrokerConfig broker = BrokerConfig.at("tcp://127.0.0.1:" + Receiver.freePort());
        for (BrokerConfig.Role role : List.of(BrokerConfig.Role.DELIVER, BrokerConfig.Role.BOTH)) {
            RegnotifyConfig config = RegnotifyConfig.DEFAULT.withEndpoint(bounded).withBroker(broker.withRole(role));
            Exception failure = assertThrows(Exception.class, () -> start(config).close(), role.toString());
            String messages = "";
            for (Throwable t = failure; t != null; t = t.getCause()) {
                messages += t.getMessage() + "\n";
            }
            assertTrue(messages.contains("notifications.journal: endpoint scans"), messages);
        }
        // a forwarder never dead-letters: a producing instance needs no journal for that
        start(RegnotifyConfig.DEFAULT.withEndpoint(bounded).withBroker(broker.withRole(BrokerConfig.Role.PRODUCE)))
                .close();
    }

    @Test
    void aProducingInstanceAndADeliveringOneShareTheBroker(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir); Receiver receiver = Receiver.start()) {
            RegnotifyConfig config = RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("scans", receiver.url()));
            BrokerConfig shared = BrokerConfig.at(broker.url());
            try (WeldContainer producer = start(config.withBroker(shared.withRole(BrokerConfig.Role.PRODUCE)))) {
                BlobStore blobs = producer.select(BlobStore.class).get();
                for (int i = 0; i < 20; i++) {
                    blobs.put(RepositoryName.of("team/app"), MediaTypes.OCTET_STREAM, Images.bytes("layer " + i));
                }
                Map<String, EndpointMetricsMXBean> metrics = producer.select(NotificationMetrics.class).get()
                        .endpoints();
                assertEquals(List.of("scans@broker"), List.copyOf(metrics.keySet()), "a forwarder, no deliverer");
                Polling.await("forwarded", WAIT, () -> metrics.get("scans@broker").getSuccesses() == 20);
            }
            assertEquals(0, receiver.attempts(), "a producing instance delivers nothing");

            try (WeldContainer deliverer = start(config.withBroker(shared.withRole(BrokerConfig.Role.DELIVER)))) {
                receiver.awaitAccepted(20, WAIT);
                Map<String, EndpointMetricsMXBean> metrics = deliverer.select(NotificationMetrics.class).get()
                        .endpoints();
                assertEquals(List.of("scans"), List.copyOf(metrics.keySet()), "a deliverer, no forwarder");
                assertTrue(receiver.acceptedEvents().stream().allMatch(e -> e.getJsonObject("target")
                        .getString("repository").equals("team/app")));
            }
        }
    }
}
