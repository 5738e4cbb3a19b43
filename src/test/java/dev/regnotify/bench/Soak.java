package dev.regnotify.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;


import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.Broadcaster;
import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.BlobPushed;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.IdReceiver;
import dev.regnotify.testing.Receiver;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * The soak of retries that end: N events (default 1,000,000) at a steady rate through three endpoints at once, with
 * bounded queues and {@code maxage}: one healthy; one whose receiver answers 500 to half the requests at random; one
 * whose receiver is down for a stretch and then back. At the end every event must be, for each endpoint, either
 * delivered or in its dead letters: checked by id, none missing, none in both, none delivered twice, none dropped.
 * Prints the rate, the peak heap (sampled every 20 ms) and the GC's time.
 *
 * <pre>mvn -Pbench test-compile exec:exec -Dbench.main=dev.regnotify.bench.Soak -Dbench.jvm=-Xmx512m \
 *     -Djmh.args="1000000 25000 10"</pre>
 * (events, events per second, seconds the third receiver is down). Exits 0 when every check holds.
 */
public final class Soak {

    private static final RepositoryName[] REPOSITORIES = new RepositoryName[64];
    private static final Digest DIGEST = Digest.parse("sha256:" + "1".repeat(64));

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 25_000;
        int downSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        for (int i = 0; i < REPOSITORIES.length; i++) {
            REPOSITORIES[i] = RepositoryName.of("soak/repo-" + i);
        }
        IdBits healthy = IdBits.start(0, events, 0.0);
        IdBits flaky = IdBits.start(0, events, 0.5);
        int downPort = Receiver.freePort();
        HeapWatch heap = HeapWatch.start();

        RetryConfig retry = RetryConfig.exponential(Duration.ofMillis(2), Duration.ofMillis(200))
                .withBounds(0, Duration.ofSeconds(2));
        int capacity = 2 * rate * Math.max(downSeconds, 1) + 50_000;
        List<Endpoint> endpoints = List.of(
                endpoint("healthy", healthy.url(), retry, capacity),
                endpoint("flaky", flaky.url(), retry, capacity),
                endpoint("down-then-back", URI.create("http://127.0.0.1:" + downPort + "/events"), retry, capacity));
        Broadcaster broadcaster = new Broadcaster(endpoints);
        long gcBefore = gcMillis();
        long started = System.nanoTime();
        IdBits back = null;
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < events; i++) {
            long due = started + i * interval;
            long early = due - System.nanoTime();
            if (early > 100_000) {
                LockSupport.parkNanos(early);
            }
            if (back == null && System.nanoTime() - started >= downSeconds * 1_000_000_000L) {
                back = IdBits.start(downPort, events, 0.0);
            }
            broadcaster.write(event(i));
        }
        if (back == null) {
            back = IdBits.start(downPort, events, 0.0);
        }
        double produced = (System.nanoTime() - started) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (endpoints.stream().anyMatch(e -> e.metrics().getPending() > 0) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(50_000_000);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long gc = gcMillis() - gcBefore;
        long[] peak = heap.stop();

        boolean ok = true;
        IdBits[] receivers = {healthy, flaky, back};
        for (int e = 0; e < endpoints.size(); e++) {
            ok &= check(endpoints.get(e), receivers[e], events);
        }
        broadcaster.close(Duration.ZERO);
        for (IdBits receiver : receivers) {
            receiver.close();
        }
        System.out.printf("soak: events=%d produced_in_s=%.1f done_in_s=%.1f events_per_s=%.0f (per endpoint) "
                + "peak_heap_used_mb=%.0f peak_live_after_gc_mb=%.0f max_heap_mb=%.0f gc_ms=%d gc_share=%.1f%%%n",
                events, produced, seconds, events / seconds, peak[0] / 1e6, peak[1] / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6, gc, 100.0 * gc / 1000 / seconds);
        System.out.println(ok ? "soak: OK" : "soak: FAILED");
        System.exit(ok ? 0 : 1);
    }

    private static Endpoint endpoint(String name, URI url, RetryConfig retry, int capacity) {
        EndpointConfig config = EndpointConfig.of(name, url).withRetry(Duration.ofSeconds(2), 3,
                Duration.ofMillis(100)).withRetryPolicy(retry).withBatch(new BatchConfig(100, 1 << 20))
                .withQueueCapacity(capacity);
        return Endpoint.start(config, new DistributionFormat(config.format(), new NotificationFactory(null, false)),
                new InMemoryQueue(capacity), Executors.defaultThreadFactory());
    }

    private static BlobPushed event(int n) {
        EventMetadata meta = new EventMetadata(String.format("soak-%07d", n), Instant.now(), new RequestRecord("req",
                "10.0.0.1", "registry:5000", "PUT", "soak"), ActorRecord.ANONYMOUS, new SourceRecord("soak", "1"));
        return new BlobPushed(meta, REPOSITORIES[n % REPOSITORIES.length], new Descriptor(
                "application/octet-stream", 1024, DIGEST));
    }

    /** Every id delivered or dead, none in both, none delivered twice, none dropped. */
    private static boolean check(Endpoint endpoint, IdBits receiver, int events) {
        BitSet dead = new BitSet(events);
        long deadCount = 0;
        long deadTwice = 0;
        for (DeadLetter letter : endpoint.deadLetters().list()) {
            for (String id : letter.eventIds()) {
                int n = Integer.parseInt(id.substring("soak-".length()));
                deadTwice += dead.get(n) ? 1 : 0;
                dead.set(n);
                deadCount++;
            }
        }
        BitSet delivered = receiver.delivered();
        BitSet both = (BitSet) delivered.clone();
        both.and(dead);
        BitSet all = (BitSet) delivered.clone();
        all.or(dead);
        int missing = events - all.cardinality();
        long dropped = endpoint.metrics().getDropped();
        boolean ok = missing == 0 && both.isEmpty() && receiver.duplicates() == 0 && deadTwice == 0 && dropped == 0;
        System.out.printf("soak: endpoint=%s delivered=%d dead_lettered=%d dead_letters=%d missing=%d in_both=%d "
                + "delivered_twice=%d dropped=%d attempts=%d %s%n", endpoint.name(), delivered.cardinality(),
                deadCount, endpoint.deadLetters().count(), missing, both.cardinality(), receiver.duplicates(), dropped,
                endpoint.metrics().getAttempts(), ok ? "ok" : "FAILED");
        return ok;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /**
     * Samples, every 20 ms, the used heap (garbage included) and what the heap's pools held after their last
     * collection (what was live then), and keeps the largest of each.
     */
    private static final class HeapWatch {
        private final AtomicLong peakUsed = new AtomicLong();
        private final AtomicLong peakLive = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread;

        private HeapWatch() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null).toList();
            thread = new Thread(() -> {
                while (running) {
                    peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    peakLive.accumulateAndGet(pools.stream().mapToLong(pool -> pool.getCollectionUsage().getUsed())
                            .sum(), Math::max);
                    LockSupport.parkNanos(20_000_000);
                }
            }, "soak-heap-watch");
            thread.setDaemon(true);
        }

        static HeapWatch start() {
            HeapWatch watch = new HeapWatch();
            watch.thread.start();
            return watch;
        }

        /** @return the peak used heap and the peak live heap after a collection, in bytes */
        long[] stop() throws InterruptedException {
            running = false;
            thread.join();
            return new long[] {peakUsed.get(), peakLive.get()};
        }
    }

    /** A receiver that keeps one bit per accepted id (a million events cost it little heap), and the repeats. */
    private static final class IdBits implements AutoCloseable {
        private final BitSet delivered;
        private final IdReceiver receiver;
        private long duplicates;

        private IdBits(int port, int events, double refusedShare) {
            this.delivered = new BitSet(events);
            this.receiver = IdReceiver.start(port, refusedShare, this::accepted);
        }

        static IdBits start(int port, int events, double refusedShare) {
            return new IdBits(port, events, refusedShare);
        }

        URI url() {
            return receiver.url();
        }

        // called one request at a time
        private void accepted(String id) {
            int n = Integer.parseInt(id, "soak-".length(), id.length(), 10);
            synchronized (this) {
                duplicates += delivered.get(n) ? 1 : 0;
                delivered.set(n);
            }
        }

        synchronized BitSet delivered() {
            return (BitSet) delivered.clone();
        }

        synchronized long duplicates() {
            return duplicates;
        }

        @Override
        public void close() {
            receiver.close();
        }
    }
}
