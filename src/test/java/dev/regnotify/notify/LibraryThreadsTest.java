package dev.regnotify.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.LibraryThreads;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.ProducedConfig;
import dev.regnotify.testing.Receiver;

/**
 * A container's threads belong to it: once it is closed, none of the library's threads is left (they would keep a
 * redeployed application's class loader, and make {@code mvn exec:java} wait for them at exit).
 */
class LibraryThreadsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /** An asynchronous observer, so that the library's executor runs too. */
    @ApplicationScoped
    static class AsyncWitness {
        final CountDownLatch seen = new CountDownLatch(1);

        void on(@ObservesAsync RegistryEvent event) {
            seen.countDown();
        }

        boolean awaitSeen() throws InterruptedException {
            return seen.await(20, TimeUnit.SECONDS);
        }
    }

    private static EndpointConfig endpoint(String name, Receiver receiver) {
        return EndpointConfig.of(name, receiver.url()).withRetry(Duration.ofSeconds(5), 10, Duration.ofMillis(20));
    }

    @Test
    void closingTheContainerEndsEveryThreadOfTheLibrary() throws InterruptedException {
        Set<Thread> before = LibraryThreads.alive();
        try (Receiver receiver = Receiver.start()) {
            // every kind of thread: the delivery pool's (the endpoint alone, the one with batches and the lanes of
            // the one with maxinflight 4 take turns on them), the journal's periodic sync, the executor of
            // asynchronous observers, the deadlines' watchdog
            RegnotifyConfig config = RegnotifyConfig.DEFAULT.withJournal(JournalConfig.in(dir)).withEndpoints(List.of(
                    endpoint("single", receiver),
                    endpoint("batched", receiver).withBatch(new BatchConfig(10, 1 << 20)),
                    endpoint("lanes", receiver).withMaxInFlight(4)));
            ProducedConfig.next = config;
            WeldContainer container = Containers.weld(Containers.withMemoryStorage(AsyncWitness.class))
                    .addBeanClasses(ProducedConfig.class).initialize();
            try {
                for (int i = 0; i < 5; i++) {
                    container.select(BlobStore.class).get().put(RepositoryName.of("threads/app" + i),
                            MediaTypes.OCTET_STREAM, Images.bytes("blob " + i));
                }
                // the same five events to each of the three endpoints
                Polling.await("every endpoint delivered", WAIT, () -> receiver.acceptedEvents().size() >= 15);
                assertTrue(container.select(AsyncWitness.class).get().awaitSeen(),
                        "an asynchronous observer ran");
                List<String> started = LibraryThreads.startedSince(before);
                assertEquals(1, started.stream().filter("regnotify-deadlines"::equals).count(),
                        "one watchdog for the container's attempts: " + started);
                for (String kind : List.of("regnotify-delivery-pool-", "regnotify-async-", "regnotify-delivery-")) {
                    assertTrue(started.stream().anyMatch(name -> name.startsWith(kind)), kind + " in " + started);
                }
                assertTrue(started.stream().noneMatch(name -> name.startsWith("regnotify-endpoint-")),
                        "lanes take turns on the pool: " + started);
            } finally {
                container.close();
            }
        }
        LibraryThreads.awaitEnded(before, WAIT);
    }
}
