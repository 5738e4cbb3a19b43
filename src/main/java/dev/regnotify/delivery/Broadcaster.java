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

    /** @param endpoints the started endpoints */
    public Broadcaster(List<Endpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
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
        for (Endpoint endpoint : endpoints) {
            try {
                endpoint.offer(event);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "RN-304 endpoint " + endpoint.name() + " did not take the notification of "
                        + "event " + event.id(), e);
            }
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
