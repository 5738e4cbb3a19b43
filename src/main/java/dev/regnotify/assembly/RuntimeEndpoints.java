package dev.regnotify.assembly;

import java.lang.System.Logger.Level;
import java.time.Duration;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.journal.Journal;
import dev.regnotify.subscriptions.SubscriptionEndpoints;

/**
 * Endpoints started, restarted and stopped while the others run (subscriptions), each as the assembly starts a
 * configured one: its queue (a journal cursor, or memory), its thread, its dead letters, its metrics in JMX. Every
 * call holds the assembly's lock, so that none runs beside its close.
 *
 * <p>Today each endpoint has a thread of its own; {@link DeliveryAssembly#deliverer} is the one place that would hand
 * it a shared pool instead.
 */
final class RuntimeEndpoints implements SubscriptionEndpoints {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");
    /** How long an endpoint being replaced may take to finish the attempt in flight. */
    static final Duration REPLACE_DRAIN = Duration.ofMillis(500);

    private final DeliveryAssembly assembly;

    RuntimeEndpoints(DeliveryAssembly assembly) {
        this.assembly = assembly;
    }

    @Override
    public void start(EndpointConfig endpoint) {
        synchronized (assembly) {
            if (assembly.config().broker() != null) {
                throw new IllegalStateException("endpoints cannot start at runtime with notifications.queue (a "
                        + "broker) yet");
            }
            if (endpoint.disabled()) {
                return; // kept, not run: with a journal, its position waits for it
            }
            assembly.ensureShared();
            Endpoint started = assembly.deliverer(endpoint, assembly.queueFor(endpoint));
            try {
                assembly.broadcaster().add(started);
            } catch (RuntimeException e) {
                started.close(Duration.ZERO);
                throw e;
            }
            assembly.registered(started);
        }
    }

    /**
     * The old endpoint stops first (with a journal, its position is where the new one starts: an envelope in flight
     * may be sent twice); in memory, what it could not send within {@link #REPLACE_DRAIN} is lost and logged.
     */
    @Override
    public void restart(EndpointConfig endpoint) {
        synchronized (assembly) {
            Endpoint old = assembly.broadcaster().remove(endpoint.name());
            if (old != null) {
                long left = old.close(assembly.journal() == null ? REPLACE_DRAIN : Duration.ZERO);
                assembly.unregistered(old.name());
                if (left > 0 && assembly.journal() == null) {
                    LOG.log(Level.WARNING, "RN-360 endpoint {0} restarted with a new configuration: {1} events "
                            + "queued in memory were not delivered", endpoint.name(), Long.toString(left));
                }
            }
            start(endpoint);
        }
    }

    @Override
    public void stop(String name) {
        synchronized (assembly) {
            Endpoint old = assembly.broadcaster().remove(name);
            if (old != null) {
                old.close(Duration.ZERO);
                assembly.unregistered(name);
            }
            Journal journal = assembly.journal();
            if (journal != null) {
                journal.forget(name);
            }
        }
    }

    @Override
    public boolean configured(String name) {
        return assembly.config().endpoints().stream().anyMatch(e -> e.name().equals(name));
    }
}
