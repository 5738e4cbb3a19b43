package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Receiver;

/**
 * Instances sharing a store may differ in their configured endpoints for a while (a configuration rolled out one
 * instance after the other). A subscription another instance created under the name of an endpoint configured here
 * cannot run here: the reload says so, and leaves the configured endpoint, and the other subscriptions it reads,
 * running.
 */
class SubscriptionReloadConflictTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Receiver configured = Receiver.start();
    private final Receiver hooks = Receiver.start();
    private final MemorySubscriptionStore shared = new MemorySubscriptionStore();
    private SubscriptionFixture first;
    private SubscriptionFixture second;

    @AfterEach
    void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        configured.close();
        hooks.close();
    }

    @Test
    void aSubscriptionNamedAsAnEndpointConfiguredHereLeavesThatEndpointAndTheOthersRunning() {
        first = new SubscriptionFixture(RegnotifyConfig.DEFAULT, shared, SubscriptionFixture.LOOPBACK,
                OwnerPolicy.ANY_NON_BLANK);
        second = new SubscriptionFixture(RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("audit",
                configured.url())), shared, SubscriptionFixture.LOOPBACK, OwnerPolicy.ANY_NON_BLANK);
        first.subscriptions.create(SubscriptionFixture.json("audit", "team-a", hooks.url(), ""));
        first.subscriptions.create(SubscriptionFixture.json("later", "team-a", hooks.url(), ""));

        second.subscriptions.reload();

        assertEquals(List.of("audit", "later"), second.assembly.endpoints().stream().map(Endpoint::name).toList(),
                "the configured endpoint runs, and the subscription read after the one refused");
        assertEquals(configured.url(), second.assembly.endpoints().get(0).config().url());
        second.write(Notifications.numbered(1));
        configured.awaitAccepted(1, WAIT);
    }

    /** The operator configures an endpoint with the name of a subscription kept from before: the operator's runs. */
    @Test
    void aKeptSubscriptionNamedAsAnEndpointConfiguredSinceDoesNotRunBesideIt() {
        first = new SubscriptionFixture(RegnotifyConfig.DEFAULT, shared, SubscriptionFixture.LOOPBACK,
                OwnerPolicy.ANY_NON_BLANK);
        first.subscriptions.create(SubscriptionFixture.json("audit", "team-a", hooks.url(), ""));
        first.close();
        first = null;

        second = new SubscriptionFixture(RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("audit",
                configured.url())), shared, SubscriptionFixture.LOOPBACK, OwnerPolicy.ANY_NON_BLANK);

        assertEquals(List.of("audit"), second.assembly.endpoints().stream().map(Endpoint::name).toList());
        assertEquals(configured.url(), second.assembly.endpoints().get(0).config().url());
        second.write(Notifications.numbered(1));
        configured.awaitAccepted(1, WAIT);
        assertEquals(0, hooks.attempts());
    }
}
