package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.regnotify.events.RegistryEvent;

/**
 * Hands every notification to every endpoint. Each endpoint has its own queue and thread, so a slow or dead one
 * holds back no other and never the caller.
 *
 * @since 0.1
 */
public final class Broadcaster {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private final List<Endpoint> endpoints;
    private final Journal journal;
    private final boolean syncEachEvent;
    private final DropReport drops = new DropReport();

    /** @param endpoints the started endpoints, each with its own in-memory queue */
    public Broadcaster(List<Endpoint> endpoints) {
        this(endpoints, null);
    }

    /**
     * @param endpoints the started endpoints
     * @param journal the journal their cursors read, which every event is appended to once; or null
     */
    public Broadcaster(List<Endpoint> endpoints, Journal journal) {
        this.endpoints = List.copyOf(endpoints);
        this.journal = journal;
        this.syncEachEvent = journal != null
                && journal.config().fsync() == dev.regnotify.config.JournalConfig.Fsync.ALWAYS;
    }

    /** @return the endpoints */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /**
     * Offers an event to every endpoint. Never blocks, never throws.
     *
     * @param event the registry event to notify
     */
    public void write(RegistryEvent event) {
        long offset = journal == null ? 0 : append(event);
        if (offset < 0) {
            endpoints.forEach(endpoint -> endpoint.dropped(event));
            drops.dropped(journal);
            return;
        }
        for (Endpoint endpoint : endpoints) {
            try {
                endpoint.offer(event);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "RN-304 endpoint " + endpoint.name() + " did not take the notification of "
                        + "event " + event.id(), e);
            }
        }
        if (syncEachEvent) {
            try {
                journal.awaitDurable(offset);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "RN-321 the journal could not be synced for event " + event.id(), e);
            }
        }
    }

    /** @return the journal's end after the event, or -1 if it was not kept */
    private long append(RegistryEvent event) {
        try {
            return journal.append(event);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "RN-321 event " + event.id() + " could not be written to the journal", e);
            return -1;
        }
    }

    /**
     * Stops taking notifications and lets every endpoint drain, all within one deadline.
     *
     * @param drain how long the queues may take to drain
     * @return per endpoint, how many events were left undelivered
     */
    public Map<String, Long> close(Duration drain) {
        long deadline = System.nanoTime() + drain.toNanos();
        endpoints.forEach(Endpoint::beginClose);
        Map<String, Long> undelivered = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            undelivered.put(endpoint.name(), endpoint.finishClose(deadline));
        }
        return undelivered;
    }
}
