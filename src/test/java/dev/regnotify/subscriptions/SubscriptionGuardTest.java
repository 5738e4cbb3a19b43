package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.assembly.DeliveryAssembly;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.config.SubscriptionsConfig;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;

/**
 * The guard judges a subscription's every connection, not only its URL at creation: a URL let through at creation (a
 * check that, as a name resolving elsewhere later would, saw nothing wrong) is refused when its endpoint connects to
 * 127.0.0.1, which {@code allownetworks} does not allow.
 */
class SubscriptionGuardTest {

    private final Receiver hooks = Receiver.start();
    private Subscriptions subscriptions;
    private DeliveryAssembly assembly;

    @AfterEach
    void stop() {
        subscriptions.close();
        assembly.close(Duration.ZERO);
        hooks.close();
    }

    @Test
    void everyConnectionIsJudgedAgain() {
        UrlCheck lenientAtCreation = url -> Optional.empty();
        subscriptions = new Subscriptions(new RecordingStore(), SubscriptionsConfig.DEFAULT, OwnerPolicy.ANY_NON_BLANK,
                lenientAtCreation, event -> { }, java.time.Clock.systemUTC());
        assembly = DeliveryAssembly.start(RegnotifyConfig.DEFAULT, "a guard test",
                java.util.concurrent.Executors.defaultThreadFactory(), subscriptions.deliveryListener(), broker -> {
                    throw new IllegalStateException("no broker here");
                }, refused -> { }, subscriptions.endpointsAtStart());
        subscriptions.attach(assembly.runtime(), java.util.concurrent.Executors.defaultThreadFactory());
        subscriptions.create(SubscriptionFixture.json("rebound", "team-a", hooks.url(), ""));
        assembly.broadcaster().write(Notifications.numbered(1));
        Endpoint endpoint = assembly.endpoints().get(0);
        Polling.await("an attempt refused by the guard", Duration.ofSeconds(20), () -> {
            String error = endpoint.metrics().getLastError();
            return error != null && error.contains("127.0.0.1 is loopback");
        });
        assertTrue(endpoint.metrics().getErrors() > 0, "the refusal is an error");
        assertEquals(0, hooks.attempts(), "nothing reached the receiver");
    }
}
