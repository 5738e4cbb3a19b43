package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.delivery.Endpoint;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;

/**
 * Two registry instances sharing one store (an application's database): what one creates, changes or deletes, the
 * other applies within five seconds, by reading the store again.
 */
class SubscriptionReloadTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    private final Receiver hooks = Receiver.start();
    private final RecordingStore shared = new RecordingStore();
    private final SubscriptionFixture first = SubscriptionFixture.inMemory(shared);
    private final SubscriptionFixture second = SubscriptionFixture.inMemory(shared);

    @AfterEach
    void stop() {
        first.close();
        second.close();
        hooks.close();
    }

    @Test
    void anotherInstanceAppliesEachChangeWithinFiveSeconds() {
        second.subscriptions.reloadEvery(Duration.ofMillis(200));
        first.subscriptions.create(SubscriptionFixture.json("ci", "team-a", hooks.url(), ""));
        Polling.await("the second instance runs the subscription", FIVE_SECONDS, () -> runs(second, "ci"));
        second.write(Notifications.numbered(1));
        hooks.awaitAccepted(1, FIVE_SECONDS);

        first.subscriptions.update("ci", SubscriptionFixture.json("ci", "team-a", hooks.url(),
                "\"filter\":{\"repositories\":[\"team-a/**\"]}"));
        Polling.await("the second instance has the change", FIVE_SECONDS, () -> second.assembly.endpoints().stream()
                .anyMatch(e -> e.name().equals("ci") && !e.config().filter().isAll()));
        second.write(Notifications.pushedTo(2, RepositoryName.of("team-b/app")));
        second.write(Notifications.pushedTo(3, RepositoryName.of("team-a/app")));
        hooks.awaitAccepted(2, FIVE_SECONDS);
        assertEquals(List.of(Notifications.id(1), Notifications.id(3)), hooks.acceptedIds());

        first.subscriptions.delete("ci");
        Polling.await("the second instance stopped it", FIVE_SECONDS, () -> !runs(second, "ci"));
        assertEquals(List.of(), second.subscriptions.list(null));
    }

    private static boolean runs(SubscriptionFixture instance, String name) {
        return instance.assembly.endpoints().stream().map(Endpoint::name).anyMatch(name::equals);
    }
}
