package dev.regnotify.events;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import dev.regnotify.cdi.ExecutorProvider;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;

/** An application replaces the library's threads with its own (as a Jakarta EE server hands in managed ones). */
@EnableWeld
class ReplacedExecutorTest {

    @ApplicationScoped
    @Alternative
    @Priority(1000)
    static class AppExecutors implements ExecutorProvider {
        private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-managed"));

        @Override
        public Executor asyncEvents() {
            return pool;
        }

        @Override
        public ThreadFactory deliveryThreads() {
            return r -> new Thread(r, "app-delivery");
        }

        @PreDestroy
        void stop() {
            pool.shutdown();
        }
    }

    @ApplicationScoped
    static class AsyncObserver {
        private final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

        void on(@ObservesAsync BlobPushed event) {
            threads.add(Thread.currentThread().getName());
        }

        String next() throws InterruptedException {
            return threads.poll(10, TimeUnit.SECONDS);
        }
    }

    @WeldSetup
    WeldInitiator weld = Containers.memoryStorage(AppExecutors.class, AsyncObserver.class);

    @Inject
    BlobStore blobs;
    @Inject
    AsyncObserver observer;

    @Test
    void asyncObserversRunOnTheApplicationsExecutor() throws InterruptedException {
        blobs.put(RepositoryName.of("replaced/executor"), MediaTypes.OCTET_STREAM, Images.bytes("x"));
        String thread = observer.next();
        assertTrue("app-managed".equals(thread), "ran on " + thread);
    }
}
