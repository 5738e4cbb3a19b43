package dev.regnotify.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.regnotify.config.Glob;
import dev.regnotify.events.RegistryEvent;

/**
 * Which endpoints an event may concern, found without asking each of them: an endpoint whose {@code filter} lists
 * only whole repository names (no {@code *}) is found by the event's repository; one whose {@code repositories} has
 * globs, by the repositories its globs were found to match, each repository's list made the first time an event of it
 * comes; any other endpoint (no {@code repositories}) is asked for every event. Each endpoint found still applies its
 * whole filter and {@code ignore}. So thousands of subscriptions to one repository or one glob each cost an event a
 * lookup, not thousands of filters. Built once; read by producers' threads.
 */
final class Routes {

    /** Repositories whose glob endpoints are remembered; past it the memory starts again (a registry of more). */
    private static final int MAX_REMEMBERED = 16_384;

    private final List<Endpoint> everyEvent = new ArrayList<>();
    private final Map<String, List<Endpoint>> byRepository = new HashMap<>();
    private final List<Endpoint> byGlob = new ArrayList<>();
    private final Map<String, List<Endpoint>> globsMatching = new ConcurrentHashMap<>();

    /** @param endpoints the endpoints events are offered to */
    Routes(List<Endpoint> endpoints) {
        for (Endpoint endpoint : endpoints) {
            List<Glob> globs = endpoint.config().filter().repositories();
            Optional<Set<String>> names = endpoint.config().filter().repositoryNames();
            if (globs.isEmpty()) {
                everyEvent.add(endpoint);
                continue;
            }
            if (names.isEmpty()) {
                byGlob.add(endpoint);
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
        forConcerned(event, endpoint -> endpoint.offer(event));
    }

    /**
     * Tells each endpoint the event may concern, in a stable order: every event's, by name, by glob. On the
     * registry operation's thread: three lists walked, nothing made.
     */
    private void forConcerned(RegistryEvent event, Consumer<Endpoint> action) {
        String repository = event.repository().value();
        everyEvent.forEach(action);
        byRepository.getOrDefault(repository, List.of()).forEach(action);
        if (!byGlob.isEmpty()) {
            globsMatching(repository).forEach(action);
        }
    }

    private List<Endpoint> globsMatching(String repository) {
        List<Endpoint> known = globsMatching.get(repository);
        if (known != null) {
            return known;
        }
        List<Endpoint> matching = new ArrayList<>(1);
        for (Endpoint endpoint : byGlob) {
            for (Glob glob : endpoint.config().filter().repositories()) {
                if (glob.matches(repository)) {
                    matching.add(endpoint);
                    break;
                }
            }
        }
        if (globsMatching.size() >= MAX_REMEMBERED) {
            globsMatching.clear();
        }
        List<Endpoint> kept = List.copyOf(matching);
        globsMatching.put(repository, kept);
        return kept;
    }

    /** Counts the event as dropped by every endpoint that would have wanted it. */
    void dropped(RegistryEvent event) {
        forConcerned(event, endpoint -> endpoint.dropped(event));
    }
}
