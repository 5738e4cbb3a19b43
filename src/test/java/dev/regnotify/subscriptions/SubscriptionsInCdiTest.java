package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;

/**
 * In Weld SE, with no endpoint configured: {@code @Inject Subscriptions} creates one at runtime that a push reaches,
 * the application's owner policy and store are used, and observers hear of it created, disabled (410) and deleted.
 */
@EnableWeld
class SubscriptionsInCdiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Observes subscription events asynchronously, as the library fires them. */
    @ApplicationScoped
    static class Watcher {
        private final BlockingQueue<SubscriptionEvent> seen = new LinkedBlockingQueue<>();

        void on(@ObservesAsync SubscriptionEvent event) {
            seen.add(event);
        }

        SubscriptionEvent next() throws InterruptedException {
            return seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** The application's owners: its teams. */
    @ApplicationScoped
    static class Teams implements OwnerPolicy {
        @Override
        public boolean allows(String owner) {
            return owner.startsWith("team-");
        }
    }

    /** The application's store: the SPI's test double, one for the container. */
    @Singleton
    static class AppStore implements SubscriptionStore {
        final RecordingStore kept = new RecordingStore();

        @Override
        public List<Subscription> load() {
            return kept.load();
        }

        @Override
        public void put(Subscription subscription) {
            kept.put(subscription);
        }

        @Override
        public void remove(String name) {
            kept.remove(name);
        }
    }

    private final Receiver hooks = Receiver.start();

    @WeldSetup
    WeldInitiator weld = Containers.memoryStorage(RegnotifyConfig.DEFAULT.withSubscriptions(
            SubscriptionFixture.LOOPBACK), Watcher.class, Teams.class, AppStore.class);

    @Inject
    Subscriptions subscriptions;
    @Inject
    BlobStore blobs;
    @Inject
    Watcher watcher;
    @Inject
    AppStore store;

    @AfterEach
    void stop() {
        hooks.close();
    }

    @Test
    void aSubscriptionCreatedAtRuntimeIsNotifiedAndObserved() throws Exception {
        assertThrows(SubscriptionException.class, () -> subscriptions.create(SubscriptionFixture.json("ci",
                "stranger", hooks.url(), "")));
        // the exponential policy disables an endpoint whose receiver answers 410 Gone
        subscriptions.create(SubscriptionFixture.json("ci", "team-a", hooks.url(),
                "\"retry\":{\"policy\":\"exponential\",\"initialdelay\":\"5ms\",\"maxdelay\":\"10ms\"}"));
        assertEquals(List.of("ci"), store.load().stream().map(Subscription::name).toList());
        assertEquals("ci", ((SubscriptionCreated) watcher.next()).name());

        blobs.put(RepositoryName.of("team-a/app"), MediaTypes.OCI_LAYER_GZIP, Images.bytes("one"));
        hooks.awaitAccepted(1, WAIT);

        hooks.answering(n -> Answer.status(410));
        blobs.put(RepositoryName.of("team-a/app"), MediaTypes.OCI_LAYER_GZIP, Images.bytes("two"));
        SubscriptionDisabled disabled = (SubscriptionDisabled) watcher.next();
        assertEquals(List.of("ci", "team-a"), List.of(disabled.name(), disabled.owner()));

        subscriptions.delete("ci");
        SubscriptionDeleted deleted = (SubscriptionDeleted) watcher.next();
        assertEquals(List.of("ci", "team-a"), List.of(deleted.name(), deleted.owner()));
        assertEquals(List.of(), store.load());
        assertEquals(List.of(), subscriptions.list(null));
    }
}
