package dev.regnotify.delivery.attempts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import dev.regnotify.config.AttemptLogConfig;
import dev.regnotify.testing.Notifications;

/**
 * How long finding every attempt of one event takes with a million events retained on disk (docs/performance.md):
 * writes 1,000,000 events in attempts of {@code args[0]} events each (two attempts per envelope, a failure and a
 * success, as a receiver that failed once), reopens the files (as after a restart), and looks up 25 event ids at
 * random (and 5 that are not there), printing each time.
 *
 * <pre>mvn -Pbench test-compile exec:exec -Dbench.main=dev.regnotify.delivery.attempts.AttemptLookupBench \
 *     -Djmh.args=100</pre>
 */
public final class AttemptLookupBench {

    private static final int EVENTS = 1_000_000;

    private AttemptLookupBench() {
    }

    public static void main(String[] args) throws Exception {
        int perAttempt = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path dir = Files.createTempDirectory("attempt-lookup");
        AttemptLogConfig config = new AttemptLogConfig(1000, Duration.ofDays(7), 4L << 30);
        long began = System.nanoTime();
        try (AttemptFiles files = AttemptFiles.open(dir, "scanner", config, Executors.defaultThreadFactory())) {
            AttemptLog log = AttemptLog.onDisk(1000, files);
            long recorded = 0;
            for (int first = 1; first <= EVENTS; first += perAttempt) {
                int count = Math.min(perAttempt, EVENTS - first + 1);
                log.record(AttemptFilesTest.attempt(first, count, 1, Attempt.Next.RETRY, "503 busy"));
                log.record(AttemptFilesTest.attempt(first, count, 2, Attempt.Next.DELIVERED, ""));
                recorded += 2;
                // within half of what the writer's queue holds, so that none is skipped
                while (recorded - files.written() > Math.min(8_000, Math.max(2, 50_000 / perAttempt))) {
                    Thread.onSpinWait();
                }
            }
        }
        System.out.printf("wrote %,d events in attempts of %d (%,d bytes on disk) in %.1f s%n", EVENTS, perAttempt,
                size(dir), (System.nanoTime() - began) / 1e9);
        began = System.nanoTime();
        try (AttemptFiles files = AttemptFiles.open(dir, "scanner", config, Executors.defaultThreadFactory())) {
            System.out.printf("opened in %.0f ms%n", (System.nanoTime() - began) / 1e6);
            Random random = new Random(42);
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int n = i < 25 ? 1 + random.nextInt(EVENTS) : EVENTS + 1 + i;
                long start = System.nanoTime();
                List<Attempt> found = files.carrying(Notifications.id(n));
                double ms = (System.nanoTime() - start) / 1e6;
                times.add(ms);
                System.out.printf("event %d: %d attempts in %.1f ms%n", n, found.size(), ms);
                if (found.size() != (n <= EVENTS ? 2 : 0)) {
                    throw new IllegalStateException("event " + n + ": " + found.size() + " attempts");
                }
            }
            double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("lookup: first %.1f ms, median %.1f ms, max %.1f ms%n", times.get(0),
                    sorted[sorted.length / 2], Arrays.stream(sorted).max().orElse(0));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static long size(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
