package dev.regnotify.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jboss.weld.environment.se.WeldContainer;

import dev.regnotify.cdi.NotificationMetrics;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventContext;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.ProducedConfig;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.StorageBeans;

/**
 * Heap per queued event in the in-memory queue: pushes N blobs through {@code @Listened} beans to an endpoint that is
 * down, so that every event stays queued, and divides the heap growth (after full collections) by N.
 * {@code mvn -Pbench test-compile exec:exec -Dbench.main=dev.regnotify.bench.QueueHeap -Djmh.args=1000000}
 */
public final class QueueHeap {

    private QueueHeap() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        URI dead = URI.create("http://127.0.0.1:" + Receiver.freePort() + "/events");
        ProducedConfig.next = RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("down", dead)
                .withRetry(java.time.Duration.ofMillis(100), 1, java.time.Duration.ofHours(1)));
        byte[][] contents = new byte[16][];
        for (int i = 0; i < contents.length; i++) {
            contents[i] = Arrays.copyOf(("blob " + i).getBytes(StandardCharsets.UTF_8), 1024);
        }
        RepositoryName repo = RepositoryName.of("heap/blobs");
        EventContext context = EventContext.of(new RequestRecord("heap-request", "127.0.0.1:5555", "localhost:5000",
                "PUT", "regnotify-bench/0.1"), new ActorRecord("bench"));
        // no recording observer: only the queue holds the events
        try (WeldContainer container = Containers.weld(StorageBeans.services())
                .addBeanClasses(StorageBeans.Memory.class, ProducedConfig.class).initialize()) {
            BlobStore blobs = container.select(BlobStore.class).get();
            NotificationMetrics metrics = container.select(NotificationMetrics.class).get();
            for (byte[] content : contents) {
                blobs.put(repo, MediaTypes.OCTET_STREAM, content);
            }
            long before = usedAfterGc();
            context.run(() -> {
                for (int i = 0; i < count; i++) {
                    blobs.put(repo, MediaTypes.OCTET_STREAM, contents[i & 15]);
                }
            });
            long after = usedAfterGc();
            long pending = metrics.endpoints().get("down").getPending();
            System.out.printf("queued=%d heap_bytes=%d bytes_per_event=%.0f%n", pending, after - before,
                    (after - before) / (double) pending);
        }
        System.exit(0);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
