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

    private final List<Endpoint> endpoints;
    private final Routes written;
    private final EventLog log;

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
        this.written = new Routes(written);
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
     * Offers an event to every endpoint. Never throws; blocks only with a log that syncs each event, until it is
     * on stable storage.
     *
     * @param event the registry event to notify
     */
    public void write(RegistryEvent event) {
        if (log != null && !kept(event)) {
            written.dropped(event);
            return;
        }
        written.offer(event);
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
