package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Receiver;
import dev.regnotify.webhooks.WebhookVerificationException;
import dev.regnotify.webhooks.WebhookVerifier;

/**
 * A rotation signs with the new secret and, for the overlap the caller chose, with the previous one beside it; then
 * with the new one only. A secret is shown only when it is made.
 */
class SubscriptionRotationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Receiver hooks = Receiver.start();
    private final RecordingStore store = new RecordingStore();
    private final SubscriptionFixture fixture = SubscriptionFixture.inMemory(store);

    @AfterEach
    void stop() {
        fixture.close();
        hooks.close();
    }

    @Test
    void thePreviousSecretSignsBesideTheNewOneForTheOverlapOnly() {
        IssuedSecret first = fixture.subscriptions.create(SubscriptionFixture.json("rotating", "team-a", hooks.url(),
                ""));
        IssuedSecret second = fixture.subscriptions.rotate("rotating", Duration.ofHours(1));
        assertNotEquals(first.secret(), second.secret());
        fixture.write(Notifications.numbered(1));
        hooks.awaitAccepted(1, WAIT);
        verify(hooks.requests().get(0), first.secret());
        verify(hooks.requests().get(0), second.secret());
        assertEquals("2026-12-03T11:00:00Z", fixture.subscriptions.get("rotating").orElseThrow().view()
                .get("previoussecretexpires"));

        fixture.clock.advance(Duration.ofHours(1));
        fixture.subscriptions.expireSecrets();
        fixture.write(Notifications.numbered(2));
        hooks.awaitAccepted(2, WAIT);
        Receiver.Request later = hooks.requests().get(hooks.requests().size() - 1);
        verify(later, second.secret());
        assertThrows(WebhookVerificationException.class, () -> verify(later, first.secret()));
        assertEquals(1, store.load().get(0).secrets().size(), "the expired secret is no longer kept");
    }

    @Test
    void aSecretIsShownOnlyWhenItIsMade() {
        IssuedSecret issued = fixture.subscriptions.create(SubscriptionFixture.json("shy", "team-a", hooks.url(),
                "\"headers\":{\"Authorization\":[\"Bearer hidden-token\"]}"));
        assertEquals(issued.secret(), issued.view().get("secret"));
        Subscription kept = fixture.subscriptions.get("shy").orElseThrow();
        String shown = kept.view().toString() + kept + issued + fixture.subscriptions.list(null)
                + fixture.assembly.snapshotJson() + fixture.assembly.prometheusText();
        assertFalse(shown.contains(issued.secret().substring(6)), shown);
        assertFalse(shown.contains("hidden-token"), shown);
        assertEquals("<redacted>", kept.view().get("secret"));
    }

    @Test
    void aNegativeOverlapOrAnUnknownNameIsRefused() {
        fixture.subscriptions.create(SubscriptionFixture.json("a", "team-a", hooks.url(), ""));
        SubscriptionException negative = assertThrows(SubscriptionException.class,
                () -> fixture.subscriptions.rotate("a", Duration.ofSeconds(-1)));
        assertEquals("overlap", negative.field());
        SubscriptionException unknown = assertThrows(SubscriptionException.class,
                () -> fixture.subscriptions.rotate("b", Duration.ZERO));
        assertEquals(SubscriptionException.Kind.UNKNOWN, unknown.kind());
        assertEquals(1, store.changes(), "only the creation was stored");
    }

    private static void verify(Receiver.Request request, String secret) {
        new WebhookVerifier(List.of(secret), Duration.ofMinutes(5)).verify(request.header("webhook-id"),
                request.header("webhook-timestamp"), request.header("webhook-signature"), request.body());
    }
}
