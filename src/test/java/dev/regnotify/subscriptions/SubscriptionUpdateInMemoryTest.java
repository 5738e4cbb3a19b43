package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
