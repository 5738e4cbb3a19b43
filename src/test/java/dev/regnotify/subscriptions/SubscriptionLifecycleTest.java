package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;
import dev.regnotify.webhooks.WebhookVerifier;

/**
 * With a journal: a subscription created at runtime gets only what is produced after its creation, signed with its
 * secret; an update takes effect at once; a deletion stops it and deletes its position and dead letters; and the
 * subscriptions survive a restart.
 */
class SubscriptionLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final Receiver configured = Receiver.start();
    private final Receiver hooks = Receiver.start();
    private final Receiver failing = Receiver.start().answering(n -> Answer.status(500));
    private SubscriptionFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        configured.close();
        hooks.close();
        failing.close();
    }

    private SubscriptionFixture start() {
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withJournal(JournalConfig.in(dir.resolve("journal")))
                .withEndpoint(EndpointConfig.of("configured", configured.url()));
        return new SubscriptionFixture(config, new FileSubscriptionStore(dir.resolve("journal/subscriptions.json")),
                SubscriptionFixture.LOOPBACK, OwnerPolicy.ANY_NON_BLANK);
    }

    @Test
    void aNewSubscriptionGetsOnlyWhatIsProducedAfterItAndVerifiesWithItsSecret() {
        fixture = start();
        fixture.write(Notifications.numbered(0));
        configured.awaitAccepted(1, WAIT); // in the journal before the subscription exists
        IssuedSecret issued = fixture.subscriptions.create(SubscriptionFixture.json("team-a-ci", "team-a",
                hooks.url(), ""));
        assertTrue(issued.secret().startsWith("whsec_"), "a generated secret is whsec_");
        fixture.write(Notifications.numbered(1));
        fixture.write(Notifications.numbered(2));
        hooks.awaitAccepted(2, WAIT);
        configured.awaitAccepted(3, WAIT);
        assertEquals(Notifications.ids(1, 3), hooks.acceptedIds());
        WebhookVerifier verifier = new WebhookVerifier(List.of(issued.secret()), Duration.ofMinutes(5));
        for (Receiver.Request request : hooks.requests()) {
            verifier.verify(request.header("webhook-id"), request.header("webhook-timestamp"),
                    request.header("webhook-signature"), request.body());
        }
        String redacted = "http://127.0.0.1:" + hooks.port() + "/<redacted>";
        assertEquals(List.of(new SubscriptionCreated("team-a-ci", "team-a", redacted, fixture.clock.instant())),
                fixture.told);
    }

    @Test
    void anUpdateTakesEffectBeforeItReturns() {
        fixture = start();
        fixture.subscriptions.create(SubscriptionFixture.json("team-a-ci", "team-a", hooks.url(), ""));
        fixture.subscriptions.update("team-a-ci", SubscriptionFixture.json("team-a-ci", "team-a", hooks.url(),
                "\"filter\":{\"repositories\":[\"team-a/**\"]}"));
        fixture.write(Notifications.pushedTo(1, RepositoryName.of("team-b/app")));
        fixture.write(Notifications.pushedTo(2, RepositoryName.of("team-a/tools/app")));
        configured.awaitAccepted(2, WAIT);
        hooks.awaitAccepted(1, WAIT);
        assertEquals(List.of(Notifications.id(2)), hooks.acceptedIds());
        assertEquals(List.of("team-a/**"), fixture.subscriptions.get("team-a-ci").orElseThrow().view()
                .get("filter") instanceof java.util.Map<?, ?> filter ? filter.get("repositories") : null);
    }

    @Test
    void aDeletedSubscriptionStopsAndKeepsNothing() throws Exception {
        fixture = start();
        fixture.subscriptions.create(SubscriptionFixture.json("gone", "team-a", failing.url(),
                "\"retry\":{\"initialdelay\":\"5ms\",\"maxdelay\":\"10ms\",\"maxattempts\":1}"));
        fixture.write(Notifications.numbered(1));
        String hex = HexFormat.of().formatHex("gone".getBytes(StandardCharsets.UTF_8));
        Path letters = dir.resolve("journal/deadletters").resolve(hex);
        Path cursor = dir.resolve("journal/cursors").resolve(hex + ".pos");
        Polling.await("a dead letter of the subscription", WAIT, () -> hasFiles(letters));
        assertTrue(Files.exists(cursor), "the subscription has a position");

        fixture.subscriptions.delete("gone");
        assertFalse(Files.exists(cursor), "its position is deleted");
        assertFalse(Files.exists(letters), "its dead letters are deleted");
        int attempts = failing.attempts();
        fixture.write(Notifications.numbered(2));
        configured.awaitAccepted(2, WAIT);
        assertEquals(attempts, failing.attempts(), "nothing is sent to a deleted subscription");
        assertTrue(fixture.subscriptions.list(null).isEmpty());
        assertTrue(fixture.told.get(1) instanceof SubscriptionDeleted deleted && deleted.name().equals("gone"),
                fixture.told::toString);

        // a new subscription of the same name starts where the log ends, not where the deleted one stood
        failing.answering(n -> Answer.status(200));
        fixture.subscriptions.create(SubscriptionFixture.json("gone", "team-a", failing.url(), ""));
        fixture.write(Notifications.numbered(3));
        Polling.await("the new subscription's event", WAIT, () -> failing.acceptedIds().contains(Notifications.id(3)));
        assertEquals(List.of(Notifications.id(3)), failing.acceptedIds());
    }

    @Test
    void subscriptionsAndTheirSecretsSurviveARestart() {
        fixture = start();
        IssuedSecret issued = fixture.subscriptions.create(SubscriptionFixture.json("kept", "team-a", hooks.url(),
                ""));
        fixture.close();
        fixture = start();
        assertEquals(List.of("kept"), fixture.subscriptions.list("team-a").stream().map(Subscription::name).toList());
        fixture.write(Notifications.numbered(1));
        hooks.awaitAccepted(1, WAIT);
        Receiver.Request request = hooks.requests().get(0);
        new WebhookVerifier(List.of(issued.secret()), Duration.ofMinutes(5)).verify(request.header("webhook-id"),
                request.header("webhook-timestamp"), request.header("webhook-signature"), request.body());
    }

    private static boolean hasFiles(Path dir) {
        try (var listed = Files.list(dir)) {
            return listed.findAny().isPresent();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
