package dev.regnotify.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;

/** {@code @ObservesAsync} observers receive every event, on the library executor's threads. */
@EnableWeld
class AsyncObserverTest {

    @ApplicationScoped
    static class AsyncObserver {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        void on(@ObservesAsync RegistryEvent event) {
            received.add(event.id() + " " + Thread.currentThread().getName());
        }

        String next() throws InterruptedException {
            return received.poll(10, TimeUnit.SECONDS);
        }
    }

    @WeldSetup
    WeldInitiator weld = Containers.memoryStorage(AsyncObserver.class);

    @Inject
    BlobStore blobs;
    @Inject
    AsyncObserver observer;

    @Test
    void everyEventArrivesOnALibraryThread() throws InterruptedException {
        int count = 50;
        for (int i = 0; i < count; i++) {
            blobs.put(RepositoryName.of("async/test"), MediaTypes.OCTET_STREAM, Images.bytes("blob " + i));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String line = observer.next();
            assertTrue(line != null, "only " + i + " of " + count + " events arrived");
            String[] parts = line.split(" ");
            assertTrue(parts[1].startsWith("regnotify-async-"), "ran on " + parts[1]);
            ids.add(parts[0]);
        }
        assertEquals(count, ids.size());
    }
}
