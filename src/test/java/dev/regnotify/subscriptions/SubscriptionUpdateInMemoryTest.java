package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.events.RegistryEvent;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;

/**
 * Without a journal, an update restarts the subscription's endpoint: what its old one had queued, and the envelope it
 * had in flight, go to the new one in order, none lost.
 */
class SubscriptionUpdateInMemoryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Receiver hanging = Receiver.start().answering(n -> Answer.hang());
    private final Receiver moved = Receiver.start();
    private SubscriptionFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        hanging.release();
        hanging.close();
        moved.close();
    }

    @Test
    void anUpdateHandsTheQueuedEventsAndTheOneInFlightToTheNewEndpointInOrder() {
        fixture = SubscriptionFixture.inMemory(new MemorySubscriptionStore());
        fixture.subscriptions.create(SubscriptionFixture.json("team-a-ci", "team-a", hanging.url(),
                "\"timeout\":\"60s\""));
        for (int i = 0; i < 5; i++) {
            fixture.write(Notifications.numbered(i));
        }
        Polling.await("the first envelope in flight", WAIT, () -> hanging.attempts() >= 1);

        fixture.subscriptions.update("team-a-ci", SubscriptionFixture.json("team-a-ci", "team-a", moved.url(), ""));
        fixture.write(Notifications.numbered(5));

        moved.awaitAccepted(6, WAIT);
        assertEquals(Notifications.ids(0, 6), moved.acceptedIds());
    }

    /** Lanes on the delivery threads: what every lane had in flight or queued is handed over, in order per repository. */
    @Test
    void withLanesAnUpdateHandsEveryEventToTheNewEndpointInOrderPerRepository() {
        fixture = SubscriptionFixture.inMemory(new MemorySubscriptionStore());
        fixture.subscriptions.create(SubscriptionFixture.json("team-a-ci", "team-a", hanging.url(),
                "\"timeout\":\"60s\",\"maxinflight\":4"));
        Map<String, List<String>> written = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            RegistryEvent event = Notifications.pushedTo(i, RepositoryName.of("team-a/r" + i % 8));
            fixture.write(event);
            written.computeIfAbsent(event.repository().value(), r -> new ArrayList<>()).add(event.id());
        }
        Polling.await("the lanes' first envelopes in flight", WAIT, () -> hanging.attempts() >= 2);

        fixture.subscriptions.update("team-a-ci", SubscriptionFixture.json("team-a-ci", "team-a", moved.url(),
                "\"maxinflight\":4"));
        for (int i = 40; i < 48; i++) {
            RegistryEvent event = Notifications.pushedTo(i, RepositoryName.of("team-a/r" + i % 8));
            fixture.write(event);
            written.get(event.repository().value()).add(event.id());
        }

        moved.awaitAccepted(48, WAIT);
        Map<String, List<String>> arrived = new LinkedHashMap<>();
        for (JsonObject event : moved.acceptedEvents()) {
            List<String> ids = arrived.computeIfAbsent(event.getJsonObject("target").getString("repository"),
                    r -> new ArrayList<>());
            if (!ids.contains(event.getString("id"))) {
                ids.add(event.getString("id"));
            }
        }
        assertEquals(written, arrived);
        // what was handed over is counted once, and acknowledged once delivered
        Polling.await("the new endpoint acknowledged all", WAIT, () -> fixture.assembly.broadcaster().endpoints()
                .stream().filter(endpoint -> endpoint.name().contains("team-a-ci"))
                .mapToLong(endpoint -> endpoint.metrics().getPending() + 1).sum() == 1);
    }

    @Test
    void whatADisabledSubscriptionHadQueuedIsSentOnceItIsEnabledAgain() {
        fixture = SubscriptionFixture.inMemory(new MemorySubscriptionStore());
        fixture.subscriptions.create(SubscriptionFixture.json("team-a-ci", "team-a", hanging.url(),
                "\"timeout\":\"60s\""));
        for (int i = 0; i < 3; i++) {
            fixture.write(Notifications.numbered(i));
        }
        Polling.await("the first envelope in flight", WAIT, () -> hanging.attempts() >= 1);

        fixture.subscriptions.update("team-a-ci", SubscriptionFixture.json("team-a-ci", "team-a", moved.url(),
                "\"disabled\":true"));
        fixture.write(Notifications.numbered(3)); // not for a disabled subscription
        fixture.subscriptions.update("team-a-ci", SubscriptionFixture.json("team-a-ci", "team-a", moved.url(), ""));
        fixture.write(Notifications.numbered(4));

        moved.awaitAccepted(4, WAIT);
        assertEquals(List.of(Notifications.id(0), Notifications.id(1), Notifications.id(2), Notifications.id(4)),
                moved.acceptedIds());
    }
}
