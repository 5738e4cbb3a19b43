package dev.regnotify.assembly;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.Broadcaster;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.delivery.NotificationQueue;
import dev.regnotify.journal.Journal;
import dev.regnotify.messaging.BrokerEndpoints;
import dev.regnotify.subscriptions.SubscriptionEndpoints;

/**
 * Endpoints started, restarted and stopped while the others run (subscriptions), each as the assembly starts a
 * configured one: its queue (a journal cursor, or memory), its thread, its dead letters, its metrics in JMX; with a
 * broker, the halves this instance's role runs (a forwarder {@code <name>@broker}, a deliverer). Every call holds
 * the assembly's lock, so that none runs beside its close.
 *
 * <p>Their endpoints deliver on the assembly's shared delivery threads, as the configured ones do
 * ({@link DeliveryAssembly#deliverer}).
 */
final class RuntimeEndpoints implements SubscriptionEndpoints {

    private final DeliveryAssembly assembly;
    // the in-memory queues of the endpoints started here, by name: a restart hands one over to the new endpoint
    private final Map<String, InMemoryQueue> memoryQueues = new HashMap<>();

    RuntimeEndpoints(DeliveryAssembly assembly) {
        this.assembly = assembly;
    }

    /**
     * A new endpoint starts afresh: what the journal still keeps under its name is forgotten first. A deletion is kept
     * in the store before the journal forgets, so a process killed between the two leaves the deleted endpoint's
     * position and dead letters behind, which a new subscription of that name (perhaps another owner's) must not get.
     */
    @Override
    public void start(EndpointConfig endpoint) {
        synchronized (assembly) {
            assembly.ensureShared();
            forget(endpoint.name());
            start(endpoint, null);
        }
    }

    /** Starts it on its own queue, or on the one the endpoint it replaces handed over. */
    private void start(EndpointConfig endpoint, InMemoryQueue handedOver) {
        synchronized (assembly) {
            if (endpoint.disabled()) {
                if (handedOver != null) {
                    // kept, not run: what it had queued waits for it to be enabled again (nothing is offered meanwhile)
                    memoryQueues.put(endpoint.name(), handedOver);
                }
                return;
            }
            assembly.ensureShared();
            List<Endpoint> written = new ArrayList<>();
            List<Endpoint> fed = new ArrayList<>();
            List<Endpoint> added = new ArrayList<>();
            try {
                NotificationQueue queue = null;
                if (assembly.produces()) {
                    queue = handedOver != null ? handedOver : assembly.queueFor(endpoint);
                    if (queue instanceof InMemoryQueue inMemory) {
                        memoryQueues.put(endpoint.name(), inMemory);
                    }
                }
                assembly.start(endpoint, queue, written, fed);
                Broadcaster broadcaster = assembly.broadcaster();
                for (Endpoint started : written) {
                    broadcaster.add(started);
                    added.add(started);
                }
                for (Endpoint started : fed) {
                    broadcaster.addFed(started);
                    added.add(started);
                }
            } catch (RuntimeException e) {
                undo(written, fed, added);
                throw e instanceof IllegalStateException ? e : new IllegalStateException(e.getMessage(), e);
            }
            written.forEach(assembly::registered);
            fed.forEach(assembly::registered);
        }
    }

    /**
     * Takes back a start that failed half-way: exactly the endpoints it started are closed (a forwarder whose deliverer
     * was refused, one the broadcaster refused), and only those it added are removed, since an endpoint of the same
     * name that runs already (a configured one, when another instance sharing the store made the subscription) is not
     * this start's to stop.
     */
    private void undo(List<Endpoint> written, List<Endpoint> fed, List<Endpoint> added) {
        added.forEach(started -> assembly.broadcaster().remove(started.name())); // add refuses a name taken: ours
        written.forEach(started -> started.close(Duration.ZERO));
        fed.forEach(started -> started.close(Duration.ZERO));
    }

    /**
     * The old endpoint stops first, at once, and the new one starts where it was: with a journal, at its position;
     * in memory, on what its queue held, the envelope in flight first. Either way that envelope may be sent twice.
     */
    @Override
    public void restart(EndpointConfig endpoint) {
        synchronized (assembly) {
            InMemoryQueue old = memoryQueues.remove(endpoint.name());
            if (old != null) {
                old.keepForHandOver(); // an offer that found the old endpoint still lands in its queue
            }
            for (String half : halves(endpoint.name())) {
                Endpoint replaced = assembly.broadcaster().remove(half);
                if (replaced != null) {
                    replaced.close(Duration.ZERO);
                    assembly.unregistered(half);
                }
            }
            start(endpoint, old == null ? null : old.handOver(endpoint.queue().capacity()));
        }
    }

    @Override
    public void stop(String name) {
        synchronized (assembly) {
            InMemoryQueue queue = memoryQueues.remove(name);
            if (queue != null) {
                queue.close();
            }
            for (String half : halves(name)) {
                Endpoint old = assembly.broadcaster().remove(half);
                if (old != null) {
                    old.close(Duration.ZERO);
                    assembly.unregistered(half);
                }
            }
            forget(name);
        }
    }

    /** Deletes the journal's position and dead letters of an endpoint and its forwarder, if there is a journal. */
    private void forget(String name) {
        Journal journal = assembly.journal();
        if (journal != null) {
            journal.forget(name);
            journal.forget(name + BrokerEndpoints.FORWARDER_SUFFIX);
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
