package dev.regnotify.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.FilterConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.Glob;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.LibraryThreads;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.PathReceiver;
import dev.regnotify.testing.Polling;

/** {@code notifications.deliverythreads} bounds the threads that deliver for every endpoint of an assembly. */
class DeliveryThreadsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void threeHundredEndpointsDeliverOnTheFourThreadsConfigured() {
        int count = 300;
        AtomicInteger made = new AtomicInteger();
        ThreadFactory counting = counting(made);
        Set<Thread> before = LibraryThreads.alive();
        try (PathReceiver receiver = PathReceiver.start(8)) {
            RegnotifyConfig config = withEndpoints(RegnotifyConfig.DEFAULT.withDeliveryThreads(4), count, receiver);
            DeliveryAssembly assembly = DeliveryAssembly.start(config, "the test's configuration", counting,
                    DeliveryListener.NONE, broker -> null, refused -> { });
            try {
                for (int i = 0; i < count * 5; i++) {
                    assembly.broadcaster().write(Notifications.pushedTo(i, RepositoryName.of("threads/r"
                            + i % count)));
                }
                Polling.await("every event delivered", WAIT, () -> receiver.events() == count * 5);
                assertEquals(0, receiver.outOfOrder());
                List<String> started = LibraryThreads.startedSince(before);
                assertEquals(4, started.stream().filter(name -> name.startsWith("regnotify-delivery-pool-")).count(),
                        started::toString);
                // the pool's four threads and the watchdog: no thread per endpoint
                assertTrue(made.get() <= 5, () -> made.get() + " threads made");
            } finally {
                Map<String, Long> left = assembly.close(Duration.ofSeconds(5));
                assertEquals(0L, left.values().stream().mapToLong(Long::longValue).sum(), left::toString);
            }
        }
        LibraryThreads.awaitEnded(before, WAIT);
    }

    /** With a journal, every endpoint's attempt files are written by one thread, and nothing else is per endpoint. */
    @Test
    void withAJournalTwoHundredEndpointsAddOneWritingThreadForTheirAttemptLogs(@TempDir Path dir) {
        int count = 200;
        AtomicInteger made = new AtomicInteger();
        ThreadFactory counting = counting(made);
        Set<Thread> before = LibraryThreads.alive();
        try (PathReceiver receiver = PathReceiver.start(8)) {
            RegnotifyConfig config = withEndpoints(RegnotifyConfig.DEFAULT.withDeliveryThreads(4)
                    .withJournal(JournalConfig.in(dir.resolve("journal"))), count, receiver);
            DeliveryAssembly assembly = DeliveryAssembly.start(config, "the test's configuration", counting,
                    DeliveryListener.NONE, broker -> null, refused -> { });
            try {
                for (int i = 0; i < count * 2; i++) {
                    assembly.broadcaster().write(Notifications.pushedTo(i, RepositoryName.of("threads/r"
                            + i % count)));
                }
                Polling.await("every event delivered", WAIT, () -> receiver.events() == count * 2);
                List<String> started = LibraryThreads.startedSince(before);
                assertEquals(1, started.stream().filter(name -> name.startsWith("regnotify-attempts")).count(),
                        started::toString);
                // the pool's four, the watchdog, the attempts' writer, the journal's own: none per endpoint
                assertTrue(made.get() <= 10, () -> made.get() + " threads made: " + started);
            } finally {
                Map<String, Long> left = assembly.close(Duration.ofSeconds(5));
                assertEquals(0L, left.values().stream().mapToLong(Long::longValue).sum(), left::toString);
            }
        }
        LibraryThreads.awaitEnded(before, WAIT);
    }

    /**
     * With {@code maxinflight} 4, each endpoint's four lanes and its dispatcher take turns on the pool too: 2,000
     * subscriptions like these would otherwise make 10,000 threads.
     */
    @Test
    void endpointsWithLanesDeliverOnThePoolsThreadsAndMakeNoneOfTheirOwn() {
        int count = 100;
        int repositories = 4;
        AtomicInteger made = new AtomicInteger();
        ThreadFactory counting = counting(made);
        Set<Thread> before = LibraryThreads.alive();
        try (PathReceiver receiver = PathReceiver.start(8)) {
            RegnotifyConfig config = RegnotifyConfig.DEFAULT.withDeliveryThreads(4);
            for (int n = 0; n < count; n++) {
                List<Glob> wanted = new ArrayList<>();
                for (int r = 0; r < repositories; r++) {
                    wanted.add(Glob.repository("lanes/e" + n + "-r" + r));
                }
                config = config.withEndpoint(EndpointConfig.builder("sub-" + n, receiver.url(n)).maxInFlight(4)
                        .filter(new FilterConfig(wanted, List.of(), Set.of(), Set.of(), Set.of())).build());
            }
            DeliveryAssembly assembly = DeliveryAssembly.start(config, "the test's configuration", counting,
                    DeliveryListener.NONE, broker -> null, refused -> { });
            try {
                for (int i = 0; i < count * repositories * 2; i++) {
                    int n = i % count;
                    assembly.broadcaster().write(Notifications.pushedTo(i, RepositoryName.of("lanes/e" + n + "-r"
                            + (i / count) % repositories)));
                }
                Polling.await("every event delivered", WAIT, () -> receiver.events() == count * repositories * 2);
                List<String> started = LibraryThreads.startedSince(before);
                assertEquals(List.of(), started.stream().filter(name -> name.startsWith("regnotify-endpoint-"))
                        .toList(), "no endpoint or lane has a thread of its own");
                assertEquals(4, started.stream().filter(name -> name.startsWith("regnotify-delivery-pool-")).count(),
                        started::toString);
                // the pool's four threads and the watchdog
                assertTrue(made.get() <= 5, () -> made.get() + " threads made: " + started);
            } finally {
                Map<String, Long> left = assembly.close(Duration.ofSeconds(5));
                assertEquals(0L, left.values().stream().mapToLong(Long::longValue).sum(), left::toString);
            }
        }
        LibraryThreads.awaitEnded(before, WAIT);
    }

    private static ThreadFactory counting(AtomicInteger made) {
        return task -> {
            made.incrementAndGet();
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** @return the configuration with {@code count} endpoints, the n-th wanting repository threads/r<n> alone */
    private static RegnotifyConfig withEndpoints(RegnotifyConfig config, int count, PathReceiver receiver) {
        for (int n = 0; n < count; n++) {
            config = config.withEndpoint(EndpointConfig.builder("sub-" + n, receiver.url(n)).filter(
                    new FilterConfig(List.of(Glob.repository("threads/r" + n)), List.of(), Set.of(), Set.of(),
                            Set.of())).build());
        }
        return config;
    }
}
