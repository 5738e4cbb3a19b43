package dev.regnotify.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.EndpointMetricsMXBean;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventContext;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.storage.InMemoryStorage;

/**
 * {@code --bench N}: pushes N blobs of 1 KiB through the whole pipeline (Weld SE, interceptor, bridge, endpoint,
 * HTTP) as fast as one thread can, waits until they are delivered, and prints one line of figures. The storage is in
 * memory and sees the same 16 contents over and over, so memory does not grow with N beyond the queue.
 *
 * <p>After every 1,000 operations that returned, stdout gets {@code produced=<n>} (flushed): with a journal, those
 * events survive the process being killed. With N = 0 it only delivers what the journal holds.
 */
final class BenchRun {

    private static final RepositoryName REPOSITORY = RepositoryName.of("bench/blobs");
    private static final int CONTENTS = 16;

    private BenchRun() {
    }

    static int run(RegnotifyConfig config, int count, Duration timeout, PrintStream out, PrintStream err) {
        byte[][] contents = new byte[CONTENTS][];
        for (int i = 0; i < CONTENTS; i++) {
            contents[i] = Arrays.copyOf(("bench blob " + i + " ").getBytes(StandardCharsets.UTF_8), 1024);
        }
        // the producer outruns the endpoints on purpose: each queue takes the whole run, so that nothing is dropped
        RegnotifyConfig unbounded = config.withEndpoints(config.endpoints().stream()
                .map(e -> e.withQueueCapacity(Math.max(e.queueCapacity(), count))).toList());
        try (DemoContainer container = new DemoContainer(new InMemoryStorage(), unbounded)) {
            BlobStore blobs = container.get(BlobStore.class);
            LatencyHistogram latency = new LatencyHistogram();
            EventContext context = EventContext.of(new RequestRecord("bench", "127.0.0.1", "localhost:5000", "PUT",
                    "regnotify-bench/0.1"), new ActorRecord("bench"));
            err.printf("bench: pushing %d blobs of 1 KiB to %s%n", count, config.enabledEndpoints().stream()
                    .map(e -> e.redactedUrl() + " (batch " + e.batch().maxEvents() + ")").toList());
            long started = System.nanoTime();
            long nextProgress = started + 1_000_000_000L;
            context.run(() -> {
                for (int i = 0; i < count; i++) {
                    long before = System.nanoTime();
                    blobs.put(REPOSITORY, MediaTypes.OCTET_STREAM, contents[i & (CONTENTS - 1)]);
                    latency.record(System.nanoTime() - before);
                    if ((i + 1) % 1000 == 0) {
                        out.println("produced=" + (i + 1));
                        out.flush();
                    }
                }
            });
            long pushed = System.nanoTime();
            err.printf("bench: pushed %d in %.2f s; delivering%n", count, (pushed - started) / 1e9);
            boolean delivered = container.awaitDelivery(pushed + timeout.toNanos(), () -> progress(container, err));
            double seconds = (System.nanoTime() - started) / 1e9;
            long successes = 0;
            long envelopes = 0;
            long dropped = 0;
            for (EndpointMetricsMXBean m : container.endpoints().values()) {
                successes += m.getSuccesses();
                dropped += m.getDropped();
                envelopes += m.getStatuses().entrySet().stream().filter(e -> e.getKey().startsWith("2"))
                        .mapToLong(e -> e.getValue()).sum();
            }
            out.printf("delivered=%d seconds=%.3f events_per_s=%.0f producer_p50_us=%.2f producer_p99_us=%.2f "
                    + "envelopes=%d dropped=%d%n", successes, seconds, successes / seconds,
                    latency.quantile(0.50) / 1e3, latency.quantile(0.99) / 1e3, envelopes, dropped);
            out.flush();
            return delivered && dropped == 0 ? 0 : 1;
        }
    }

    private static void progress(DemoContainer container, PrintStream err) {
        container.endpoints().forEach((name, m) -> err.printf("bench: %s delivered %d, pending %d%n", name,
                m.getSuccesses(), m.getPending()));
    }
}
