package dev.regnotify.delivery.attempts;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.regnotify.config.AttemptLogConfig;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.testing.Notifications;

/**
 * The attempt log's CPU per attempt, on the thread that records (what an endpoint's thread pays: the events'
 * summaries and the ring) and, with files, on their writer's thread, for envelopes of {@code args[0]} events
 * (docs/performance.md). Thread CPU time, so that other work on the machine does not count.
 *
 * <pre>mvn -Pbench test-compile exec:exec -Dbench.main=dev.regnotify.delivery.attempts.AttemptLogCost \
 *     -Djmh.args=100</pre>
 */
public final class AttemptLogCost {

    private AttemptLogCost() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        List<RegistryEvent> batch = new ArrayList<>(IntStream.rangeClosed(1, events)
                .mapToObj(Notifications::numbered).toList());
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();

        AttemptLog memory = AttemptLog.inMemory("cost", 1000);
        record(memory, batch, 200_000);
        long before = cpu.getCurrentThreadCpuTime();
        int attempts = 1_000_000;
        record(memory, batch, attempts);
        double perAttempt = (cpu.getCurrentThreadCpuTime() - before) / (double) attempts;
        System.out.printf("in memory: %.0f ns per attempt on the recording thread, %.2f ns per event%n", perAttempt,
                perAttempt / events);

        ByteBuffer buffer = ByteBuffer.allocate(64 << 10);
        Attempt summarized = new Attempt("cost", 1, Instant.now(), Duration.ZERO, 1, EventSummary.of(batch), 4096,
                200, "", null, null, Attempt.Next.DELIVERED, null);
        for (int round = 0; round < 2; round++) { // the first warms up
            long encoding = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 20_000; i++) {
                buffer = AttemptCodec.encode(summarized, buffer.clear());
            }
            System.out.printf("encoding a record: %.0f ns per event, %d bytes per event%n",
                    (cpu.getCurrentThreadCpuTime() - encoding) / 20_000.0 / events, buffer.position() / events);
        }

        Path dir = Files.createTempDirectory("attempt-cost");
        try (AttemptFiles files = AttemptFiles.open(dir, "cost", new AttemptLogConfig(1000, Duration.ofDays(1),
                4L << 30), Executors.defaultThreadFactory())) {
            AttemptLog log = AttemptLog.onDisk(1000, files);
            Thread writer = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("regnotify-attempts")).findFirst().orElseThrow();
            int onDisk = 20_000;
            paced(log, files, batch, onDisk); // warm-up
            long recording = cpu.getCurrentThreadCpuTime();
            long writing = cpu.getThreadCpuTime(writer.getId());
            paced(log, files, batch, onDisk);
            double recorded = (cpu.getCurrentThreadCpuTime() - recording) / (double) onDisk;
            double written = (cpu.getThreadCpuTime(writer.getId()) - writing) / (double) onDisk;
            System.out.printf("on disk: %.0f ns per attempt on the recording thread (%.2f per event), %.0f ns on the "
                    + "writer's (%.0f per event)%n", recorded, recorded / events, written, written / events);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void record(AttemptLog log, List<RegistryEvent> batch, int attempts) {
        Instant start = Instant.now();
        for (int i = 0; i < attempts; i++) {
            log.record(new Attempt("cost", 0, start, Duration.ofNanos(i), 1, EventSummary.of(batch), 4096, 200, "",
                    null, null, Attempt.Next.DELIVERED, null));
        }
    }

    /** Records no faster than the writer writes, within half of what its queue holds, so that none is skipped. */
    private static void paced(AttemptLog log, AttemptFiles files, List<RegistryEvent> batch, int attempts) {
        long ahead = Math.min(8_000, Math.max(1, 50_000 / batch.size()));
        long target = files.written() + attempts;
        for (int i = 0; i < attempts; i++) {
            record(log, batch, 1);
            while (files.written() + ahead < target - attempts + i) {
                LockSupport.parkNanos(50_000);
            }
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (files.written() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("written up to " + files.written() + " of " + target);
            }
            LockSupport.parkNanos(50_000);
        }
    }
}
