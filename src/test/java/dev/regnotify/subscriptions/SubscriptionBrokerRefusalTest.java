package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.messaging.Broker;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.LibraryThreads;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;

/**
 * Behind a broker without a journal, a subscription with bounded retries is refused: its forwarder starts before its
 * deliverer is refused, and must not be left running (a thread for nothing, at each refused creation).
 */
class SubscriptionBrokerRefusalTest {

    @TempDir
    Path dir;

    private final Receiver hooks = Receiver.start();
    private EmbeddedBroker server;
    private SubscriptionFixture fixture;

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (server != null) {
            server.close();
        }
        hooks.close();
    }

    @Test
    void aRefusedCreationLeavesNoForwarderRunning() throws Exception {
        server = EmbeddedBroker.start(dir.resolve("broker"));
        fixture = new SubscriptionFixture(RegnotifyConfig.DEFAULT.withBroker(BrokerConfig.at(server.url())),
                new MemorySubscriptionStore(), SubscriptionFixture.LOOPBACK, OwnerPolicy.ANY_NON_BLANK,
                Broker::artemis);
        Set<Thread> before = LibraryThreads.alive();
        SubscriptionException refused = assertThrows(SubscriptionException.class, () -> fixture.subscriptions.create(
                SubscriptionFixture.json("bounded", "team-a", hooks.url(), "\"retry\":{\"maxattempts\":3}")));
        assertEquals(SubscriptionException.Kind.UNAVAILABLE, refused.kind());
        assertEquals(List.of(), fixture.assembly.endpoints().stream().map(Endpoint::name).toList());
        Polling.await("no endpoint thread of the refused subscription is left", Duration.ofSeconds(5),
                () -> LibraryThreads.startedSince(before).stream().noneMatch(n -> n.contains("bounded")));
    }
}
