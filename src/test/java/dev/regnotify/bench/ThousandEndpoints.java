package dev.regnotify.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.regnotify.assembly.DeliveryAssembly;
import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.Cidr;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.FilterConfig;
import dev.regnotify.config.Glob;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.config.SubscriptionsConfig;
import dev.regnotify.delivery.Broadcaster;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.subscriptions.MemorySubscriptionStore;
import dev.regnotify.subscriptions.SubscriptionListener;
import dev.regnotify.subscriptions.Subscriptions;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.PathReceiver;

/**
 * Thousands of endpoints on bounded threads: {@code --endpoints} endpoints (2,000), each with a filter that matches one
 * repository of as many, {@code --events} events (200,000) pushed to the repositories in turn, batches of up to
 * {@code --batch} events (100), one receiver on 127.0.0.1 with a path per endpoint; {@code --journal} puts a journal
 * behind them; {@code --warmup N} first pushes and delivers N events, unmeasured; {@code --threads} sets
 * {@code notifications.deliverythreads} (64); {@code --subscriptions} makes the endpoints as subscriptions, created
 * through {@link Subscriptions} once the assembly runs (the guard lets 127.0.0.0/8 through), instead of configuring
 * them; {@code --globs} names each endpoint's repository by a glob ({@code bench/r<n>/*}, matching the one
 * repository {@code bench/r<n>/img}) instead of whole. Prints, as its last line, {@code endpoints=<n> delivered=<d>
 * seconds=<s> events_per_s=<r> order_violations=<o> requests=<q> peak_delivery_threads=<p> peak_threads=<t>
 * heap_used_mb=<h> heap_peak_mb=<k> journal=<b> subscriptions=<b> globs=<b>}.
 *
 * <p>{@code mvn -Pbench test-compile exec:exec -Dbench.main=dev.regnotify.bench.ThousandEndpoints
 * -Djmh.args="--endpoints 2000 --events 200000"}
 */
public final class ThousandEndpoints {

    private static final Duration DEADLINE = Duration.ofMinutes(5);
    // held here: the logging framework keeps its loggers weakly, and a level set on one it dropped is lost
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("dev.regnotify");

    private ThousandEndpoints() {
    }

    /** The n-th endpoint: it wants the n-th repository's events. */
    static EndpointConfig endpoint(int n, PathReceiver receiver, int batch, boolean globs) {
        FilterConfig filter = new FilterConfig(List.of(Glob.repository(wanted(n, globs))),
                List.of(), java.util.Set.of(), java.util.Set.of(), java.util.Set.of());
        return EndpointConfig.builder("sub-" + n, receiver.url(n)).filter(filter)
                .batch(new BatchConfig(batch, 1 << 20)).timeout(Duration.ofSeconds(10)).build();
    }

    /** The n-th endpoint as a subscription's JSON, as a registry's user would create it over the API. */
    static String subscription(int n, PathReceiver receiver, int batch, boolean globs) {
        return "{\"name\":\"sub-" + n + "\",\"owner\":\"team-" + n + "\",\"url\":\"" + receiver.url(n)
                + "\",\"timeout\":\"10s\",\"batch\":{\"maxevents\":" + batch + "},"
                + "\"filter\":{\"repositories\":[\"" + wanted(n, globs) + "\"]}}";
    }

    static RepositoryName repository(int n, boolean globs) {
        return RepositoryName.of(globs ? "bench/r" + n + "/img" : "bench/r" + n);
    }

    /** What the n-th endpoint's filter names: its repository whole, or a glob that matches it alone. */
    private static String wanted(int n, boolean globs) {
        return globs ? "bench/r" + n + "/*" : repository(n, false).value();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int endpoints = Integer.parseInt(options.getOrDefault("endpoints", "2000"));
        int events = Integer.parseInt(options.getOrDefault("events", "200000"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "100"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "64"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "0"));
        boolean journal = options.containsKey("journal");
        boolean subscribed = options.containsKey("subscriptions");
        boolean globs = options.containsKey("globs");
        // the endpoints' lines (RN-300, RN-316, RN-701 each) would drown the figures
        QUIET.setLevel(java.util.logging.Level.WARNING);
        // one keep-alive connection per endpoint: the JDK's server keeps 200 idle ones by default
        System.setProperty("sun.net.httpserver.maxIdleConnections", Integer.toString(endpoints * 2));
        Path directory = journal ? Files.createTempDirectory("regnotify-thousands") : null;
        try (PathReceiver receiver = PathReceiver.start(8)) {
            RegnotifyConfig config = RegnotifyConfig.DEFAULT.withDeliveryThreads(threads)
                    .withDrainTimeout(Duration.ofSeconds(10));
            if (journal) {
                config = config.withJournal(new JournalConfig(directory, JournalConfig.Fsync.INTERVAL,
                        Duration.ofMillis(100), 4L << 30, 64L << 20));
            }
            for (int n = 0; n < endpoints && !subscribed; n++) {
                config = config.withEndpoint(endpoint(n, receiver, batch, globs));
            }
            // made before the clock starts: the bench measures delivery, not the making of test events
            RepositoryName[] repositories = new RepositoryName[endpoints];
            for (int n = 0; n < endpoints; n++) {
                repositories[n] = repository(n, globs);
            }
            RegistryEvent[] pushes = new RegistryEvent[warmup + events];
            for (int i = 0; i < pushes.length; i++) {
                pushes[i] = Notifications.pushedTo(i, repositories[i % endpoints]);
            }
            Watch watch = new Watch();
            DeliveryAssembly assembly = DeliveryAssembly.start(config, "ThousandEndpoints", daemons(),
                    DeliveryListener.NONE, any -> null, refused -> { });
            Subscriptions subscriptions = null;
            try {
                if (subscribed) {
                    subscriptions = Subscriptions.of(new MemorySubscriptionStore(), new SubscriptionsConfig(null,
                            List.of(Cidr.parse("127.0.0.0/8")), Math.max(endpoints, SubscriptionsConfig.DEFAULT_MAX)),
                            SubscriptionListener.NONE);
                    subscriptions.attach(assembly.runtime(), daemons());
                    long creating = System.nanoTime();
                    for (int n = 0; n < endpoints; n++) {
                        subscriptions.create(subscription(n, receiver, batch, globs));
                    }
                    System.err.printf("%d subscriptions created in %.2f s%n", endpoints,
                            (System.nanoTime() - creating) / 1e9);
                }
                Broadcaster broadcaster = assembly.broadcaster();
                // unmeasured: every endpoint opens its connection and the JIT compiles the path
                for (int i = 0; i < warmup; i++) {
                    broadcaster.write(pushes[i]);
                }
                receiver.awaitEvents(warmup, DEADLINE);
                long warmRequests = receiver.requests();
                long began = System.nanoTime();
                for (int i = warmup; i < pushes.length; i++) {
                    broadcaster.write(pushes[i]);
                    if (i % 20_000 == 0) {
                        System.err.printf("pushed %d, delivered %d%n", i, receiver.events());
                    }
                }
                long pushed = System.nanoTime();
                receiver.awaitEvents(pushes.length, DEADLINE);
                long ended = System.nanoTime();
                watch.sample();
                long heapUsed = usedAfterGc();
                watch.stop();
                double seconds = (ended - began) / 1e9;
                System.err.printf("pushed in %.2f s%n", (pushed - began) / 1e9);
                System.out.println(String.format(Locale.ROOT, "endpoints=%d delivered=%d seconds=%.2f "
                        + "events_per_s=%.0f order_violations=%d requests=%d peak_delivery_threads=%d "
                        + "peak_threads=%d heap_used_mb=%d heap_peak_mb=%d journal=%b subscriptions=%b globs=%b", endpoints,
                        receiver.events() - warmup, seconds, (receiver.events() - warmup) / seconds,
                        receiver.outOfOrder(), receiver.requests() - warmRequests,
                        watch.deliveryThreads.get(), watch.threads.get(), heapUsed >> 20, watch.heap.get() >> 20,
                        journal, subscribed, globs));
            } finally {
                if (subscriptions != null) {
                    subscriptions.close();
                }
                assembly.close(Duration.ofSeconds(10));
            }
        }
    }

    /** Samples the threads and the heap every 10 ms. */
    private static final class Watch {
        final AtomicInteger deliveryThreads = new AtomicInteger();
        final AtomicInteger threads = new AtomicInteger();
        final AtomicLong heap = new AtomicLong();
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        Watch() {
            timer.scheduleAtFixedRate(this::sample, 0, 10, TimeUnit.MILLISECONDS);
        }

        void sample() {
            // the delivery threads are made in the main thread group; enumerating it stops no thread
            Thread[] alive = new Thread[Thread.activeCount() + 64];
            int all = Thread.enumerate(alive);
            int delivery = 0;
            for (int i = 0; i < all; i++) {
                if (alive[i].getName().startsWith("regnotify-delivery-pool-")) {
                    delivery++;
                }
            }
            deliveryThreads.accumulateAndGet(delivery, Math::max);
            threads.accumulateAndGet(all, Math::max);
            heap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        }

        void stop() {
            timer.shutdownNow();
        }
    }

    private static ThreadFactory daemons() {
        return task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i].replaceFirst("^--", "");
            boolean valued = i + 1 < args.length && !args[i + 1].startsWith("--");
            options.put(key, valued ? args[++i] : "true");
        }
        return options;
    }
}
