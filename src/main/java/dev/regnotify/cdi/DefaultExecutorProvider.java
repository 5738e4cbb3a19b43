package dev.regnotify.cdi;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The library's own threads, daemon and named {@code regnotify-async-N} and {@code regnotify-delivery-N}: a fixed
 * pool for asynchronous observers, and a factory for endpoint threads. Replaced by any {@code @Alternative}
 * {@link ExecutorProvider}.
 */
@ApplicationScoped
class DefaultExecutorProvider implements ExecutorProvider {

    private ExecutorService async;

    @Override
    public synchronized ExecutorService asyncEvents() {
        if (async == null) {
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
            async = Executors.newFixedThreadPool(threads, named("regnotify-async-"));
        }
        return async;
    }

    @Override
    public ThreadFactory deliveryThreads() {
        return named("regnotify-delivery-");
    }

    @PreDestroy
    synchronized void shutdown() {
        if (async != null) {
            async.shutdown();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
