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

/**
 * The endpoints of the configuration, started with the container and drained when it stops: gathers the beans the
 * {@link DeliveryAssembly} needs (the configuration, the threads, the observers of delivery events) and hands it
 * the rest.
 */
@ApplicationScoped
class NotificationService implements NotificationMetrics {

    @Inject
    LibraryConfiguration configuration;
    @Inject
    ExecutorProvider executors;
    @Inject
    Event<DeliveryEvent> deliveryEvents;

    private volatile DeliveryAssembly delivery;
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
            DeliveryListener listener = new DeliveryEvents(deliveryEvents,
                    NotificationOptions.ofExecutor(executors.asyncEvents()));
            delivery = DeliveryAssembly.start(config, configuration.origin(), executors.deliveryThreads(), listener,
                    BrokerLookup::broker, LibraryConfiguration::refused);
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
        return new DeadLetters(started().endpoints());
    }

    /**
     * What the console shows of the endpoints ({@code Console.mount(server, source, access)}).
     *
     * @return a view of every endpoint for the console
     */
    @Produces
    @Dependent
    ConsoleSource consoleSource() {
        return new EndpointConsoleSource(started().endpoints());
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
        if (delivery != null) {
            delivery.close(drainTimeout);
        }
    }
}
