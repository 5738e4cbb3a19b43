package dev.regnotify.demo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import dev.regnotify.cdi.NotificationMetrics;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.EndpointMetricsMXBean;
import dev.regnotify.storage.RegistryStorage;

/**
 * Weld SE with the library, the demo's beans, a storage and a configuration. Closing it drains the queues and closes
 * the storage.
 */
final class DemoContainer implements AutoCloseable {

    private final WeldContainer weld;
    private final RegistryStorage storage;

    DemoContainer(RegistryStorage storage, RegnotifyConfig config) {
        this.storage = storage;
        DemoBeans.storage = storage;
        // the demo waits for delivery itself (--timeout, or the drain time when serving): closing the container then
        // gives up at once instead of waiting the drain time a second time
        DemoBeans.config = config.withDrainTimeout(Duration.ZERO);
        // the demo closes its container itself, draining the queues; Weld's own hook would race it at exit
        weld = new Weld().enableDiscovery().skipShutdownHook().addBeanClasses(DemoBeans.all()).initialize();
    }

    <T> T get(Class<T> type) {
        return weld.select(type).get();
    }

    Map<String, EndpointMetricsMXBean> endpoints() {
        return get(NotificationMetrics.class).endpoints();
    }

    /** @return whether every endpoint delivered everything it accepted before the deadline */
    boolean awaitDelivery(long deadlineNanos, Runnable progress) {
        return awaitDelivery(deadlineNanos, () -> true, progress);
    }

    /**
     * @param settled what must hold besides every endpoint having delivered what it accepted
     * @return whether both held before the deadline
     */
    boolean awaitDelivery(long deadlineNanos, BooleanSupplier settled, Runnable progress) {
        long nextProgress = System.nanoTime() + 1_000_000_000L;
        while (true) {
            boolean done = endpoints().values().stream().allMatch(m -> m.getPending() == 0)
                    && settled.getAsBoolean();
            if (done || System.nanoTime() > deadlineNanos) {
                return done;
            }
            if (progress != null && System.nanoTime() > nextProgress) {
                progress.run();
                nextProgress += 1_000_000_000L;
            }
            LockSupport.parkNanos(2_000_000);
        }
    }

    @Override
    public void close() {
        weld.close();
        storage.close();
    }
}
