package dev.regnotify.demo;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.EndpointMetricsMXBean;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.messaging.BrokerEndpoints;
import dev.regnotify.events.EventContext;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.storage.InMemoryStorage;

/**
 * {@code --bench N}: pushes N manifests with a tag through the whole pipeline (Weld SE, interceptor, bridge,
 * endpoint, HTTP) as fast as one thread can, spread over {@code --repositories} repositories, waits until they are
 * delivered, and prints one line of figures. The storage is in memory and sees the same manifest over and over, so
 * memory does not grow with N beyond the queue. With {@code --warmup W}, W pushes are made and delivered first and
 * only the next N are measured (a warm JVM); without, the JIT's warm-up is part of the figures.
 *
 * <p>After every 1,000 operations that returned, stdout gets {@code produced=<n>} (flushed): with a journal, those
 * events survive the process being killed. With N = 0 it only delivers what the journal holds.
 */
final class BenchRun {

    private static final Tag TAG = Tag.of("v1");
    // with role deliver: how long nothing must arrive before the queue is taken as empty
    private static final Duration QUIET = Duration.ofSeconds(2);
    // with role deliver: how long nothing must arrive at the start, before anything came
    private static final Duration FIRST_QUIET = Duration.ofSeconds(10);

    private BenchRun() {
    }

    /** What to push. */
    record Load(int events, int warmup, int repositories) {
    }

    static int run(RegnotifyConfig config, Load load, Duration timeout, PrintStream out, PrintStream err) {
        // the producer outruns the endpoints on purpose: each queue takes the whole run, so that nothing is dropped
        int capacity = Math.max(load.events(), load.warmup());
        RegnotifyConfig unbounded = config.withEndpoints(config.endpoints().stream()
                .map(e -> e.toBuilder().queueCapacity(Math.max(e.queue().capacity(), capacity)).build()).toList());
        InMemoryStorage storage = new InMemoryStorage();
        RepositoryName[] repositories = new RepositoryName[load.repositories()];
        Manifest manifest = prepare(storage, repositories);
        try (DemoContainer container = new DemoContainer(storage, unbounded)) {
            ManifestService manifests = container.get(ManifestService.class);
            EventContext context = EventContext.of(new RequestRecord("bench", "127.0.0.1", "localhost:5000", "PUT",
                    "regnotify-bench/0.1"), new ActorRecord("bench"));
            err.printf("bench: pushing %d manifests to %d repositories, to %s%n", load.events(),
                    repositories.length, config.enabledEndpoints().stream()
                            .map(e -> e.redactedUrl() + " (batch " + e.envelope().batch().maxEvents() + ")").toList());
            if (load.warmup() > 0) {
                context.run(() -> push(manifests, manifest, repositories, load.warmup(), new LatencyHistogram(),
                        null));
                long before = successes(container);
                container.awaitDelivery(System.nanoTime() + timeout.toNanos(),
                        settled(container, config, before, load.warmup()), null);
                err.printf("bench: %d warm-up pushes delivered%n", load.warmup());
            }
            // without a warm-up every success counts: a journal's backlog starts going out as the container starts,
            // before this line (counting from here lost the first deliveries of a --bench 0 run)
            long successesBefore = load.warmup() > 0 ? successes(container) : 0;
            long envelopesBefore = load.warmup() > 0 ? envelopes(container) : 0;
            LatencyHistogram latency = new LatencyHistogram();
            long cpuBefore = processCpuNanos();
            long gcBefore = gcMillis();
            long started = System.nanoTime();
            context.run(() -> push(manifests, manifest, repositories, load.events(), latency, out));
            long pushed = System.nanoTime();
            err.printf("bench: pushed %d in %.2f s; delivering%n", load.events(), (pushed - started) / 1e9);
            boolean delivered = container.awaitDelivery(pushed + timeout.toNanos(),
                    settled(container, config, successesBefore, load.events()), () -> progress(container, err));
            double seconds = (System.nanoTime() - started) / 1e9;
            long cpu = processCpuNanos() - cpuBefore;
            long gc = gcMillis() - gcBefore;
            long successes = successes(container) - successesBefore;
            long dropped = container.endpoints().values().stream().mapToLong(EndpointMetricsMXBean::getDropped).sum();
            out.printf("delivered=%d seconds=%.3f events_per_s=%.0f producer_p50_us=%.2f producer_p99_us=%.2f "
                    + "envelopes=%d dropped=%d cpu_us_per_event=%.1f gc_pct=%.1f%n", successes, seconds,
                    successes / seconds, latency.quantile(0.50) / 1e3, latency.quantile(0.99) / 1e3,
                    envelopes(container) - envelopesBefore, dropped,
                    successes == 0 ? 0.0 : cpu / 1e3 / successes, gc / 10.0 / seconds);
            out.flush();
            return delivered && dropped == 0 ? 0 : 1;
        }
    }

    /**
     * Puts a config and a layer into every repository of the raw storage (firing nothing), so that a manifest
     * referring to them can be pushed anywhere.
     *
     * @return the manifest
     */
    private static Manifest prepare(InMemoryStorage storage, RepositoryName[] repositories) {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = "bench layer".getBytes(StandardCharsets.UTF_8);
        Descriptor configDescriptor = null;
        Descriptor layerDescriptor = null;
        for (int i = 0; i < repositories.length; i++) {
            repositories[i] = RepositoryName.of("bench/repo-" + i);
            configDescriptor = storage.blobs().put(repositories[i], MediaTypes.OCI_CONFIG, config);
            layerDescriptor = storage.blobs().put(repositories[i], MediaTypes.OCI_LAYER_GZIP, layer);
        }
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                + descriptor(configDescriptor) + ",\"layers\":[" + descriptor(layerDescriptor) + "]}";
        return Manifest.of(MediaTypes.OCI_MANIFEST, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String descriptor(Descriptor d) {
        return "{\"mediaType\":\"" + d.mediaType() + "\",\"size\":" + d.size() + ",\"digest\":\"" + d.digest()
                + "\"}";
    }

    private static void push(ManifestService manifests, Manifest manifest, RepositoryName[] repositories, int count,
            LatencyHistogram latency, PrintStream produced) {
        for (int i = 0; i < count; i++) {
            long before = System.nanoTime();
            manifests.put(repositories[i % repositories.length], manifest, TAG);
            latency.record(System.nanoTime() - before);
            if (produced != null && (i + 1) % 1000 == 0) {
                produced.println("produced=" + (i + 1));
                produced.flush();
            }
        }
    }

    /**
     * What "delivered" means besides every queue being empty. Behind a broker, delivering endpoints empty their
     * queues before the broker gave them everything: with role both, until they delivered all that was pushed; with
     * role deliver (which pushes nothing), until nothing came for two seconds.
     */
    private static BooleanSupplier settled(DemoContainer container, RegnotifyConfig config, long before,
            long pushed) {
        BrokerConfig broker = config.broker();
        if (broker == null || broker.role() == BrokerConfig.Role.PRODUCE) {
            return () -> true;
        }
        if (broker.role() == BrokerConfig.Role.BOTH) {
            return () -> successes(container) - before >= pushed;
        }
        long[] last = {successes(container), System.nanoTime()};
        boolean[] any = {false};
        return () -> {
            long now = successes(container);
            if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
                any[0] = true;
            }
            // before the first delivery, the client may still be connecting (a loaded machine took seconds)
            return System.nanoTime() - last[1] >= (any[0] ? QUIET : FIRST_QUIET).toNanos();
        };
    }

    /** @return the endpoints whose successes count: those that deliver to receivers, else the forwarders */
    private static List<EndpointMetricsMXBean> counted(DemoContainer container) {
        List<EndpointMetricsMXBean> delivering = container.endpoints().entrySet().stream()
                .filter(e -> !e.getKey().endsWith(BrokerEndpoints.FORWARDER_SUFFIX)).map(Map.Entry::getValue)
                .toList();
        return delivering.isEmpty() ? List.copyOf(container.endpoints().values()) : delivering;
    }

    private static long successes(DemoContainer container) {
        return counted(container).stream().mapToLong(EndpointMetricsMXBean::getSuccesses).sum();
    }

    private static long envelopes(DemoContainer container) {
        return counted(container).stream().flatMap(m -> m.getStatuses().entrySet().stream())
                .filter(e -> e.getKey().startsWith("2")).mapToLong(e -> e.getValue()).sum();
    }

    /** @return the CPU time of the whole process (every thread: producer, endpoints, HTTP client, GC, JIT) */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** @return the time the JVM's collectors took so far (their pauses, and their concurrent work for some) */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
    }

    private static void progress(DemoContainer container, PrintStream err) {
        container.endpoints().forEach((name, m) -> err.printf("bench: %s delivered %d, pending %d%n", name,
                m.getSuccesses(), m.getPending()));
    }
}
