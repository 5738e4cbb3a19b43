package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.messaging.Broker;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;

/**
 * Two instances behind one broker, sharing a store: a subscription created on one runs on both (a forwarder and a
 * deliverer each), what either produces reaches it once, and a deletion stops it on both within five seconds.
 */
class SubscriptionBrokerTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final Receiver hooks = Receiver.start();
    private final RecordingStore shared = new RecordingStore();
    private EmbeddedBroker server;
    private SubscriptionFixture first;
    private SubscriptionFixture second;

    @AfterEach
    void stop() {
        for (AutoCloseable open : new AutoCloseable[] {first, second, server, hooks}) {
            try {
                if (open != null) {
                    open.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private SubscriptionFixture instance(String journal) {
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withBroker(BrokerConfig.at(server.url()))
                .withJournal(JournalConfig.in(dir.resolve(journal)));
        return new SubscriptionFixture(config, shared, SubscriptionFixture.LOOPBACK, OwnerPolicy.ANY_NON_BLANK,
                Broker::artemis);
    }

    @Test
    void aSubscriptionRunsOnEveryInstanceBehindTheBroker() throws Exception {
        server = EmbeddedBroker.start(dir.resolve("broker"));
        first = instance("journal-1");
        second = instance("journal-2");
        second.subscriptions.reloadEvery(Duration.ofMillis(200));
        first.subscriptions.create(SubscriptionFixture.json("ci", "team-a", hooks.url(), ""));
        assertEquals(List.of("ci@broker", "ci"), names(first));
        Polling.await("the second instance runs it", FIVE_SECONDS, () -> names(second).size() == 2);

        first.write(Notifications.numbered(1));
        second.write(Notifications.numbered(2));
        hooks.awaitAccepted(2, Duration.ofSeconds(20));
        assertEquals(2, hooks.acceptedEvents().size(), "each event once");

        first.subscriptions.delete("ci");
        assertEquals(List.of(), names(first));
        String hex = HexFormat.of().formatHex("ci".getBytes(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve("journal-1/cursors").resolve(hex + ".pos")), "its position is gone");
        Polling.await("the second instance stopped it", FIVE_SECONDS, () -> names(second).isEmpty());
    }

    private static List<String> names(SubscriptionFixture instance) {
        return instance.assembly.endpoints().stream().map(Endpoint::name).toList();
    }
}
