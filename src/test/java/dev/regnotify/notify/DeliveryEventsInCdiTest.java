package dev.regnotify.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.cdi.NotificationMetrics;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.DeadLetters;
import dev.regnotify.delivery.events.DeliveryEvent;
import dev.regnotify.delivery.events.DeliveryExhausted;
import dev.regnotify.delivery.events.DeliveryFailed;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;

/**
 * In Weld SE: application observers get delivery events asynchronously (a slow one does not hold delivery back),
 * {@code @Inject DeadLetters} lists and replays, and the endpoint's MBean replays and purges.
 */
@EnableWeld
class DeliveryEventsInCdiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** An observer that is slow on purpose: it holds each event until the test lets it go. */
    @ApplicationScoped
    static class Pager {
        final BlockingQueue<DeliveryEvent> seen = new LinkedBlockingQueue<>();
        final java.util.concurrent.CountDownLatch letGo = new java.util.concurrent.CountDownLatch(1);

        void page(@ObservesAsync DeliveryExhausted exhausted) throws InterruptedException {
            seen.add(exhausted);
            letGo.await(30, TimeUnit.SECONDS);
        }

        void note(@ObservesAsync DeliveryFailed failed) {
            seen.add(failed);
        }

        // through methods: the test holds a client proxy, whose fields are not the bean's
        DeliveryEvent poll() throws InterruptedException {
            return seen.poll(100, TimeUnit.MILLISECONDS);
        }

        void release() {
            letGo.countDown();
        }
    }

    private final Receiver receiver = Receiver.start().answering(n -> Answer.status(500));
    private final RegnotifyConfig config = RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("scans",
            receiver.url()).withRetryPolicy(RetryConfig.exponential(Duration.ofMillis(5), Duration.ofMillis(20))
            .withBounds(2, Duration.ZERO)));

    @WeldSetup
    WeldInitiator weld = Containers.memoryStorage(config, Pager.class);

    @Inject
    BlobStore blobs;
    @Inject
    Pager pager;
    @Inject
    DeadLetters deadLetters;
    @Inject
    NotificationMetrics metrics;

    @AfterEach
    void stop() {
        pager.release();
        receiver.close();
    }

    @Test
    void observersHearOfExhaustionAndOperatorsReplay() throws Exception {
        RepositoryName repo = RepositoryName.of("scan/app");
        blobs.put(repo, MediaTypes.OCI_LAYER_GZIP, Images.bytes("one"));
        Polling.await("a dead letter", WAIT, () -> deadLetters.count("scans") == 1);
        DeliveryExhausted exhausted = awaitSeen(DeliveryExhausted.class);
        DeadLetter letter = deadLetters.list("scans").get(0);
        assertEquals(letter.eventIds(), exhausted.eventIds());

        // the pager still holds its event: delivery goes on meanwhile
        blobs.put(repo, MediaTypes.OCI_LAYER_GZIP, Images.bytes("two"));
        Polling.await("a second dead letter while the observer is busy", WAIT,
                () -> deadLetters.count("scans") == 2);

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.regnotify:type=Endpoint,name=scans");
        assertEquals(2L, server.getAttribute(name, "DeadLetters"));
        receiver.answering(n -> Answer.status(200));
        assertEquals(1, deadLetters.replay("scans", letter.id()) ? 1 : 0);
        receiver.awaitAccepted(1, WAIT);
        assertEquals(letter.eventIds(), receiver.acceptedIds());
        Polling.await("the replayed letter gone", WAIT, () -> deadLetters.count("scans") == 1);
        // an MXBean's List<String> is a String[] to a JMX client
        String[] listed = (String[]) server.invoke(name, "listDeadLetters", new Object[0], new String[0]);
        assertEquals(1, listed.length, () -> List.of(listed).toString());
        assertTrue(listed[0].startsWith("endpoint=scans id="), listed[0]);
        assertEquals(1, server.invoke(name, "purgeDeadLetters", new Object[0], new String[0]));
        assertEquals(0, deadLetters.count());
        assertEquals(0, deadLetters.replay(null, Instant.EPOCH, Instant.now()));
        String json = metrics.snapshotJson();
        assertTrue(json.contains("\"DeadLettered\":2"), json);
        assertTrue(metrics.prometheusText().contains("registry_notifications_dead_lettered_total{endpoint=\"scans\"} 2"),
                metrics.prometheusText());
        assertEquals(List.of(), deadLetters.list());
    }

    private <T extends DeliveryEvent> T awaitSeen(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            DeliveryEvent event = pager.poll();
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " observed within " + WAIT);
    }
}
