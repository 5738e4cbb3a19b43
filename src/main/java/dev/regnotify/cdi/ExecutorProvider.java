package dev.regnotify.cdi;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * Where the library's threads come from. The default bean makes its own daemon threads; a Jakarta EE application
 * replaces it with one handing in the server's managed executor and thread factory, looked up by name (Payara Micro 6
 * fails the deployment on a {@code @Resource ManagedThreadFactory} field):
 * <pre>{@code
 * @ApplicationScoped @Alternative @Priority(Interceptor.Priority.APPLICATION)
 * public class ManagedExecutors implements ExecutorProvider {
 *     public Executor asyncEvents() { return lookup("java:comp/DefaultManagedExecutorService"); }
 *     public ThreadFactory deliveryThreads() { return lookup("java:comp/DefaultManagedThreadFactory"); }
 *
 *     private static <T> T lookup(String name) {
 *         try {
 *             return InitialContext.doLookup(name);
 *         } catch (NamingException e) {
 *             throw new IllegalStateException("the server has no " + name, e);
 *         }
 *     }
 * }
 * }</pre>
 * docs/events.md has it with its imports.
 *
 * @since 0.1
 */
public interface ExecutorProvider {

    /** @return the executor that runs {@code @ObservesAsync} observers of registry events */
    Executor asyncEvents();

    /** @return the factory of each endpoint's delivery thread (one long-lived thread per endpoint) */
    ThreadFactory deliveryThreads();
}
