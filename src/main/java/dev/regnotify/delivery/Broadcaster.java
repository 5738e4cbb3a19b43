package dev.regnotify.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.regnotify.events.RegistryEvent;

/**
 * Hands every notification to every endpoint that may want it ({@link Routes}). Each endpoint has its own queue and
 * its own turns on the delivery threads, so a slow or dead one holds back no other and never the caller. With an
 * {@link EventLog} (the journal), each event is kept there once before the endpoints, whose queues read it, count it.
 *
 * @since 0.1
 */
public final class Broadcaster {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    // replaced whole (copy on write) when an endpoint is added or removed at runtime, under this object's lock
    private volatile List<Endpoint> endpoints;
    private volatile List<Endpoint> written;
    // the written endpoints, found by the event's repository: made again with them
    private volatile Routes routes;
    private final EventLog log;
    private boolean closed;

    /** @param endpoints the started endpoints, each with its own in-memory queue */
    public Broadcaster(List<Endpoint> endpoints) {
        this(endpoints, null);
    }

    /**
     * @param endpoints the started endpoints
     * @param log where every event is kept once before the endpoints' queues read it; or null
     */
    public Broadcaster(List<Endpoint> endpoints, EventLog log) {
        this(endpoints, List.of(), log);
    }

    /**
     * @param written the started endpoints this instance's events are offered to
     * @param fed started endpoints fed from elsewhere (a message broker's queue): closed with the others, never
     *            offered an event
     * @param log where every event is kept once before the written endpoints' queues read it; or null
     * @since 0.2
     */
    public Broadcaster(List<Endpoint> written, List<Endpoint> fed, EventLog log) {
        this.written = List.copyOf(written);
        this.routes = new Routes(this.written);
        List<Endpoint> all = new ArrayList<>(written);
        all.addAll(fed);
        this.endpoints = List.copyOf(all);
        this.log = log;
    }

    /** @return every endpoint, those written first */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /**
     * @return whether any endpoint is offered events: without one, nobody need hand them over
     * @since 0.4
     */
    public boolean writes() {
        return !written.isEmpty();
    }

    /**
     * Adds an endpoint started at runtime (a subscription): it is offered the events written after this returns.
     *
     * @param endpoint the started endpoint, its queue opened where the log ends now
     * @throws IllegalStateException once closed, or if an endpoint has that name already
     * @since 0.4
     */
    public synchronized void add(Endpoint endpoint) {
        if (closed) {
            throw new IllegalStateException("the broadcaster is closed: endpoint " + endpoint.name() + " not added");
        }
        if (endpoints.stream().anyMatch(e -> e.name().equals(endpoint.name()))) {
            throw new IllegalStateException("an endpoint is named " + endpoint.name() + " already");
        }
        written = plus(written, endpoint);
        routes = new Routes(written);
        endpoints = plus(endpoints, endpoint);
    }

    /**
     * Adds an endpoint started at runtime that is fed from elsewhere (a message broker's queue): closed with the
     * others, never offered an event.
     *
     * @param endpoint the started endpoint
     * @throws IllegalStateException once closed, or if an endpoint has that name already
     * @since 0.4
     */
    public synchronized void addFed(Endpoint endpoint) {
        if (closed || endpoints.stream().anyMatch(e -> e.name().equals(endpoint.name()))) {
            throw new IllegalStateException("endpoint " + endpoint.name() + " not added: the broadcaster is closed, "
                    + "or an endpoint has that name already");
        }
        endpoints = plus(endpoints, endpoint);
    }

    /**
     * Takes an endpoint away: it is offered no event after this returns; closing it is the caller's business.
     *
     * @param name the endpoint's name
     * @return the endpoint, or null if none has that name (or the broadcaster is closed)
     * @since 0.4
     */
    public synchronized Endpoint remove(String name) {
        Endpoint found = endpoints.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
        if (found == null || closed) {
            return null;
        }
        written = written.stream().filter(e -> e != found).toList();
        routes = new Routes(written);
        endpoints = endpoints.stream().filter(e -> e != found).toList();
        return found;
    }

    private static List<Endpoint> plus(List<Endpoint> list, Endpoint endpoint) {
        List<Endpoint> more = new ArrayList<>(list);
        more.add(endpoint);
        return List.copyOf(more);
    }

    /**
     * Offers an event to every endpoint. Never throws; blocks only with a log that syncs each event, until it is
     * on stable storage.
     *
     * @param event the registry event to notify
     */
    public void write(RegistryEvent event) {
        Routes now = routes;
        if (log != null && !kept(event)) {
            now.dropped(event);
            return;
        }
        now.offer(event);
    }

    /** @return whether the log kept the event (it says why not, at a bounded rate) */
    private boolean kept(RegistryEvent event) {
        try {
            long ticket = log.append(event);
            return log.syncsEachEvent() ? log.awaitDurable(ticket) : ticket >= 0;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "RN-321 event " + event.id() + " could not be kept", e);
            return false;
        }
    }

    /**
     * Stops taking notifications and lets every endpoint drain, all within one deadline; at the deadline every
     * endpoint still sending gives up at once.
     *
     * @param drain how long the queues may take to drain
     * @return per endpoint, how many events were left undelivered
     */
    public Map<String, Long> close(Duration drain) {
        List<Endpoint> endpoints;
        synchronized (this) {
            closed = true;
            endpoints = this.endpoints;
        }
        long deadline = System.nanoTime() + drain.toNanos();
        endpoints.forEach(endpoint -> endpoint.worker().beginClose());
        endpoints.forEach(endpoint -> endpoint.worker().awaitDrained(deadline));
        endpoints.forEach(endpoint -> endpoint.worker().abandon());
        Map<String, Long> undelivered = new LinkedHashMap<>();
        long stopDeadline = System.nanoTime() + EndpointState.STOP_GRACE.toNanos();
        for (Endpoint endpoint : endpoints) {
            undelivered.put(endpoint.name(), endpoint.worker().finishClose(stopDeadline));
        }
        return undelivered;
    }
}
