package dev.regnotify.assembly;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.regnotify.config.ConfigException;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.Broadcaster;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.journal.Journal;
import dev.regnotify.messaging.BrokerEndpoints;
import dev.regnotify.subscriptions.SubscriptionEndpoints;

/**
 * Endpoints started, restarted and stopped while the others run (subscriptions), each as the assembly starts a
 * configured one: its queue (a journal cursor, or memory), its thread, its dead letters, its metrics in JMX; with a
 * broker, the halves this instance's role runs (a forwarder {@code <name>@broker}, a deliverer). Every call holds
 * the assembly's lock, so that none runs beside its close.
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
            if (endpoint.disabled()) {
                return; // kept, not run
            }
            assembly.ensureShared();
            List<Endpoint> written = new ArrayList<>();
            List<Endpoint> fed = new ArrayList<>();
            try {
                assembly.start(endpoint, assembly.produces() ? assembly.queueFor(endpoint) : null, written, fed);
                Broadcaster broadcaster = assembly.broadcaster();
                written.forEach(broadcaster::add);
                fed.forEach(broadcaster::addFed);
            } catch (ConfigException | IllegalStateException e) {
                written.forEach(started -> stopQuietly(started.name()));
                fed.forEach(started -> stopQuietly(started.name()));
                throw new IllegalStateException(e.getMessage(), e);
            }
            written.forEach(assembly::registered);
            fed.forEach(assembly::registered);
        }
    }

    private void stopQuietly(String name) {
        Endpoint added = assembly.broadcaster().remove(name);
        if (added != null) {
            added.close(Duration.ZERO);
        }
    }

    /**
     * The old endpoint stops first (with a journal, its position is where the new one starts: an envelope in flight
     * may be sent twice); in memory, what it could not send within {@link #REPLACE_DRAIN} is lost and logged.
     */
    @Override
    public void restart(EndpointConfig endpoint) {
        synchronized (assembly) {
            for (String half : halves(endpoint.name())) {
                Endpoint old = assembly.broadcaster().remove(half);
                if (old == null) {
                    continue;
                }
                long left = old.close(assembly.journal() == null ? REPLACE_DRAIN : Duration.ZERO);
                assembly.unregistered(half);
                if (left > 0 && assembly.journal() == null) {
                    LOG.log(Level.WARNING, "RN-360 endpoint {0} restarted with a new configuration: {1} events "
                            + "queued in memory were not delivered", half, Long.toString(left));
                }
            }
            start(endpoint);
        }
    }

    @Override
    public void stop(String name) {
        synchronized (assembly) {
            for (String half : halves(name)) {
                Endpoint old = assembly.broadcaster().remove(half);
                if (old != null) {
                    old.close(Duration.ZERO);
                    assembly.unregistered(half);
                }
            }
            Journal journal = assembly.journal();
            if (journal != null) {
                journal.forget(name);
                journal.forget(name + BrokerEndpoints.FORWARDER_SUFFIX);
            }
        }
    }

    /** @return the names an endpoint's parts run under: its own, and its forwarder's with a broker */
    private List<String> halves(String name) {
        return assembly.config().broker() == null ? List.of(name)
                : List.of(name + BrokerEndpoints.FORWARDER_SUFFIX, name);
    }

    @Override
    public boolean configured(String name) {
        return assembly.config().endpoints().stream().anyMatch(e -> e.name().equals(name));
    }
}
