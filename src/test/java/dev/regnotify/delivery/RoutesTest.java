package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.FilterConfig;
import dev.regnotify.config.Glob;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.VariedEvents;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/** The broadcaster finds endpoints by repository when their filter names whole repositories, and asks the others. */
class RoutesTest {

    /** Keeps the repository of every event it is sent. */
    private static final class Kept implements Sink {
        final List<String> repositories = new CopyOnWriteArrayList<>();

        @Override
        public void send(Envelope envelope) {
            // one event per envelope: its repository is in its body
            String body = new String(envelope.body(), java.nio.charset.StandardCharsets.UTF_8);
            int at = body.indexOf("\"repository\":\"") + 14;
            repositories.add(body.substring(at, body.indexOf('"', at)));
        }

        @Override
        public void close() {
        }
    }

    private final DeliveryPool pool = new DeliveryPool(2, Thread::new);
    private final List<Endpoint> endpoints = new ArrayList<>();

    @AfterEach
    void close() {
        endpoints.forEach(endpoint -> endpoint.close(Duration.ZERO));
        pool.close();
    }

    private Kept endpoint(String name, String... globs) {
        return endpoint(EndpointConfig.builder(name, URI.create("http://127.0.0.1:9/"))
                .filter(new FilterConfig(java.util.Arrays.stream(globs).map(Glob::repository).toList(), List.of(),
                        Set.of(), Set.of(), Set.of())).build());
    }

    private Kept endpoint(EndpointConfig config) {
        String name = config.name();
        Kept kept = new Kept();
        endpoints.add(Endpoint.start(config, new DistributionFormat(config.format(), new NotificationFactory(null,
                false)), new InMemoryQueue(1_000), pool, new EndpointCounters(name, config.url()), kept, null, null,
                DeliveryListener.NONE));
        return kept;
    }

    @Test
    void eachEndpointGetsWhatItsFilterWantsWhetherFoundByNameOrAsked() {
        Kept one = endpoint("one", "team/a");
        Kept two = endpoint("two", "team/a", "team/b");
        Kept globbed = endpoint("globbed", "team/*");
        Kept mixed = endpoint("mixed", "other/c", "team/b*");
        Kept all = endpoint("all");
        Broadcaster broadcaster = new Broadcaster(endpoints);
        String[] names = {"team/a", "team/b", "other/c", "team/bb", "team/x/y"};
        for (int i = 0; i < names.length; i++) {
            broadcaster.write(Notifications.pushedTo(i, RepositoryName.of(names[i])));
        }
        Polling.await("every event delivered", () -> all.repositories.size() == names.length);
        Polling.await("the others too", () -> one.repositories.size() + two.repositories.size()
                + globbed.repositories.size() + mixed.repositories.size() == 1 + 2 + 3 + 3);
        assertEquals(List.of("team/a"), one.repositories);
        assertEquals(List.of("team/a", "team/b"), two.repositories);
        assertEquals(List.of("team/a", "team/b", "team/bb"), globbed.repositories);
        assertEquals(List.of("team/b", "other/c", "team/bb"), mixed.repositories);
    }

    /** Found by name, by a glob's remembered repositories, or asked: each endpoint gets exactly what it accepts. */
    @Test
    void forAnyFilterAnEndpointGetsExactlyWhatItAccepts() {
        VariedEvents varied = new VariedEvents(7);
        Map<Kept, List<String>> expected = new LinkedHashMap<>();
        List<EndpointFilter> filters = new ArrayList<>();
        for (int e = 0; e < 16; e++) {
            EndpointConfig config = EndpointConfig.builder("e" + e, URI.create("http://127.0.0.1:9/"))
                    .filter(varied.filter()).ignore(varied.ignore()).build();
            expected.put(endpoint(config), new ArrayList<>());
            filters.add(new EndpointFilter(config.ignore(), config.filter()));
        }
        Broadcaster broadcaster = new Broadcaster(endpoints);
        for (int i = 0; i < 400; i++) {
            RegistryEvent event = varied.event(i);
            broadcaster.write(event);
            int e = 0;
            for (List<String> wanted : expected.values()) {
                if (filters.get(e++).accepts(event)) {
                    wanted.add(event.repository().value());
                }
            }
        }
        Polling.await("every endpoint got as many as it accepts", () -> expected.entrySet().stream()
                .allMatch(entry -> entry.getKey().repositories.size() >= entry.getValue().size()));
        expected.forEach((kept, wanted) -> assertEquals(wanted, kept.repositories));
    }

    @Test
    void onlyAFilterOfWholeNamesIsFoundByName() {
        assertEquals(Optional.of(Set.of("team/a", "b")), new FilterConfig(List.of(Glob.repository("team/a"),
                Glob.repository("b")), List.of(), Set.of(), Set.of(), Set.of()).repositoryNames());
        assertEquals(Optional.empty(), new FilterConfig(List.of(Glob.repository("team/a"),
                Glob.repository("team/**")), List.of(), Set.of(), Set.of(), Set.of()).repositoryNames());
        assertEquals(Optional.empty(), FilterConfig.ALL.repositoryNames());
    }
}
