package dev.regnotify.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.regnotify.events.RegistryEvent;

/**
 * Which endpoints an event may concern, found without asking each of them: an endpoint whose {@code filter} lists
 * only whole repository names (no {@code *}) is found by the event's repository; any other endpoint is asked for
 * every event. Each endpoint found still applies its whole filter and {@code ignore}. So thousands of subscriptions to
 * one repository each cost an event a lookup, not thousands of filters. Built once; read by producers' threads.
 */
final class Routes {

    private final List<Endpoint> everyEvent = new ArrayList<>();
    private final Map<String, List<Endpoint>> byRepository = new HashMap<>();

    /** @param endpoints the endpoints events are offered to */
    Routes(List<Endpoint> endpoints) {
        for (Endpoint endpoint : endpoints) {
            Optional<Set<String>> names = endpoint.config().filter().repositoryNames();
            if (names.isEmpty()) {
                everyEvent.add(endpoint);
                continue;
            }
            for (String name : names.get()) {
                List<Endpoint> routed = byRepository.computeIfAbsent(name, any -> new ArrayList<>(1));
                if (!routed.contains(endpoint)) {
                    routed.add(endpoint);
                }
            }
        }
    }

    /** Offers the event to every endpoint it may concern. */
    void offer(RegistryEvent event) {
        for (Endpoint endpoint : everyEvent) {
            endpoint.offer(event);
        }
        List<Endpoint> routed = byRepository.get(event.repository().value());
        if (routed != null) {
            for (Endpoint endpoint : routed) {
                endpoint.offer(event);
            }
        }
    }

    /** Counts the event as dropped by every endpoint that would have wanted it. */
    void dropped(RegistryEvent event) {
        everyEvent.forEach(endpoint -> endpoint.dropped(event));
        List<Endpoint> routed = byRepository.get(event.repository().value());
        if (routed != null) {
            routed.forEach(endpoint -> endpoint.dropped(event));
        }
    }
}
