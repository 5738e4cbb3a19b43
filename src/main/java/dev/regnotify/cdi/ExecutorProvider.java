package dev.regnotify.cdi;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * Where the library's threads come from. The default bean makes its own daemon threads; a Jakarta EE application
 * replaces it with one handing in the server's managed executor and thread factory:
 * <pre>{@code
 * @ApplicationScoped @Alternative @Priority(Interceptor.Priority.APPLICATION)
 * public class ManagedExecutors implements ExecutorProvider {
 *     @Resource ManagedExecutorService executor;
 *     @Resource ManagedThreadFactory threads;
 *     public Executor asyncEvents() { return executor; }
 *     public ThreadFactory deliveryThreads() { return threads; }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface ExecutorProvider {

    /** @return the executor that runs {@code @ObservesAsync} observers of registry events */
    Executor asyncEvents();

    /** @return the factory of each endpoint's delivery thread (one long-lived thread per endpoint) */
    ThreadFactory deliveryThreads();
}
