package dev.regnotify.subscriptions;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import dev.regnotify.assembly.DeliveryAssembly;
import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.Cidr;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.config.SubscriptionsConfig;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.messaging.Broker;

/**
 * Subscriptions over a real assembly (with a journal in a temp folder, or in memory), their endpoints delivering to
 * receivers on 127.0.0.1, which the guard allows; the time is a test's clock, the store whatever the test gives.
 */
final class SubscriptionFixture implements AutoCloseable {

    static final SubscriptionsConfig LOOPBACK = new SubscriptionsConfig(null, List.of(Cidr.parse("127.0.0.0/8")),
            SubscriptionsConfig.DEFAULT_MAX);

    /** A clock a test moves. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-03T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final TestClock clock = new TestClock();
    final List<SubscriptionEvent> told = new CopyOnWriteArrayList<>();
    final DeliveryAssembly assembly;
    final Subscriptions subscriptions;

    SubscriptionFixture(RegnotifyConfig config, SubscriptionStore store, SubscriptionsConfig settings,
            OwnerPolicy owners) {
        this(config, store, settings, owners, broker -> {
            throw new IllegalStateException("no broker here");
        });
    }

    SubscriptionFixture(RegnotifyConfig config, SubscriptionStore store, SubscriptionsConfig settings,
            OwnerPolicy owners, Function<BrokerConfig, Broker> brokers) {
        subscriptions = new Subscriptions(store, settings, owners, UrlCheck.guarded(settings.guard()), told::add,
                clock);
        assembly = DeliveryAssembly.start(config, "a subscriptions test", Executors.defaultThreadFactory(),
                subscriptions.deliveryListener(), brokers, refused -> { }, subscriptions.endpointsAtStart());
        subscriptions.attach(assembly.runtime(), Executors.defaultThreadFactory());
    }

    static SubscriptionFixture journaled(Path journal, SubscriptionStore store) {
        return new SubscriptionFixture(RegnotifyConfig.DEFAULT.withJournal(JournalConfig.in(journal)), store, LOOPBACK,
                OwnerPolicy.ANY_NON_BLANK);
    }

    static SubscriptionFixture inMemory(SubscriptionStore store) {
        return new SubscriptionFixture(RegnotifyConfig.DEFAULT, store, LOOPBACK, OwnerPolicy.ANY_NON_BLANK);
    }

    /** @return a subscription's JSON: name, owner, url, then the given members (JSON text, may be empty) */
    static String json(String name, String owner, URI url, String more) {
        return "{\"name\":\"" + name + "\",\"owner\":\"" + owner + "\",\"url\":\"" + url + "\""
                + (more.isEmpty() ? "" : "," + more) + "}";
    }

    void write(RegistryEvent event) {
        assembly.broadcaster().write(event);
    }

    @Override
    public void close() {
        subscriptions.close();
        assembly.close(Duration.ZERO);
    }
}
