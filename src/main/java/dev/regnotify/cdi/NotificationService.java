package dev.regnotify.cdi;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import dev.regnotify.assembly.DeliveryAssembly;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.console.ConsoleSource;
import dev.regnotify.console.EndpointConsoleSource;
import dev.regnotify.delivery.DeadLetters;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.EndpointMetricsMXBean;
import dev.regnotify.delivery.events.DeliveryEvent;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.subscriptions.OwnerPolicy;
import dev.regnotify.subscriptions.SubscriptionEvent;
import dev.regnotify.subscriptions.SubscriptionStore;
import dev.regnotify.subscriptions.Subscriptions;

/**
 * The endpoints of the configuration and the subscriptions, started with the container and drained when it stops:
 * gathers the beans the {@link DeliveryAssembly} and the {@link Subscriptions} need (the configuration, the threads,
 * the observers of delivery and subscription events, the application's store and owner policy) and hands them the
 * rest.
 */
@ApplicationScoped
class NotificationService implements NotificationMetrics {

    @Inject
    LibraryConfiguration configuration;
    @Inject
    ExecutorProvider executors;
    @Inject
    Event<DeliveryEvent> deliveryEvents;
    @Inject
    Event<SubscriptionEvent> subscriptionEvents;
    @Inject
    Instance<SubscriptionStore> stores;
    @Inject
    Instance<OwnerPolicy> owners;

    private volatile DeliveryAssembly delivery;
    private Subscriptions subscriptions;
    // read at the start: at @PreDestroy, the configuration bean may be gone already
    private Duration drainTimeout;

    /** Starts the endpoints as the container starts. */
    void start(@Observes Startup startup) {
        started();
    }

    private DeliveryAssembly started() {
        DeliveryAssembly started = delivery;
        return started != null ? started : ensureStarted();
    }

    private synchronized DeliveryAssembly ensureStarted() {
        if (delivery == null) {
            RegnotifyConfig config = configuration.config();
            NotificationOptions async = NotificationOptions.ofExecutor(executors.asyncEvents());
            Subscriptions kept = SubscriptionSetup.open(config, stores, owners,
                    new SubscriptionEvents(subscriptionEvents, async));
            DeliveryListener events = new DeliveryEvents(deliveryEvents, async);
            DeliveryListener disabled = kept.deliveryListener();
            DeliveryListener listener = event -> {
                events.on(event);
                disabled.on(event);
            };
            DeliveryAssembly started = DeliveryAssembly.start(config, configuration.origin(),
                    executors.deliveryThreads(), listener, BrokerLookup::broker, LibraryConfiguration::refused,
                    kept.endpointsAtStart());
            kept.attach(started.runtime(), executors.deliveryThreads());
            SubscriptionSetup.reloadIfShared(kept, config, stores);
            subscriptions = kept;
            delivery = started;
            drainTimeout = config.drainTimeout();
        }
        return delivery;
    }

    /** @return whether any endpoint is there to notify: without one, the bridge need not be called */
    boolean isActive() {
        return started().active();
    }

    /** Hands an event to every endpoint, to be notified; never blocks, never throws. */
    void publish(RegistryEvent event) {
        started().broadcaster().write(event);
    }

    @Override
    public Map<String, EndpointMetricsMXBean> endpoints() {
        Map<String, EndpointMetricsMXBean> metrics = new LinkedHashMap<>();
        started().endpoints().forEach(e -> metrics.put(e.name(), e.metrics()));
        return metrics;
    }

    /**
     * The endpoints' dead letters, for application code ({@code @Inject DeadLetters}).
     *
     * @return a view of every endpoint's dead letters
     */
    @Produces
    @Dependent
    DeadLetters deadLetters() {
        return new DeadLetters(started()::endpoints); // subscriptions started later count too
    }

    /**
     * What the console shows of the endpoints ({@code Console.mount(server, source, access)}).
     *
     * @return a view of every endpoint for the console
     */
    @Produces
    @Dependent
    ConsoleSource consoleSource() {
        DeliveryAssembly assembly = started();
        return new EndpointConsoleSource(assembly::endpoints); // subscriptions started later show too
    }

    /**
     * The subscriptions created at runtime, for application code ({@code @Inject Subscriptions}) and the console's API.
     *
     * @return the subscriptions
     */
    @Produces
    @Dependent
    Subscriptions subscriptions() {
        started();
        return subscriptions;
    }

    @Override
    public String snapshotJson() {
        return started().snapshotJson();
    }

    @Override
    public String prometheusText() {
        return started().prometheusText();
    }

    /** Drains the queues within the configured deadline and reports, in one line, what was left. */
    @PreDestroy
    synchronized void stop() {
        if (subscriptions != null) {
            subscriptions.close();
        }
        if (delivery != null) {
            delivery.close(drainTimeout);
        }
    }
}
