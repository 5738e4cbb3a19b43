package dev.regnotify.delivery.attempts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.AttemptLogConfig;
import dev.regnotify.testing.Notifications;

/** Many endpoints' attempt files on one writer: one thread writes them all, and each keeps its own attempts. */
class AttemptWriterTest {

    private static final AttemptLogConfig CONFIG = new AttemptLogConfig(100, Duration.ofDays(7), 1L << 20);
    private static final int ENDPOINTS = 200;

    @TempDir
    Path dir;

    @Test
    void twoHundredEndpointsAttemptFilesAreWrittenByOneThreadAndEachFindsItsOwn() throws Exception {
        AtomicInteger made = new AtomicInteger();
        ThreadFactory counting = task -> {
            made.incrementAndGet();
            return Executors.defaultThreadFactory().newThread(task);
        };
        try (AttemptWriter writer = new AttemptWriter(counting)) {
            List<AttemptFiles> opened = new ArrayList<>();
            for (int i = 0; i < ENDPOINTS; i++) {
                AttemptFiles files = AttemptFiles.open(dir, "hook-" + i, CONFIG, writer);
                opened.add(files);
                files.append(new Attempt("hook-" + i, i + 1, Instant.parse("2026-12-03T14:00:00Z"),
                        Duration.ofMillis(3), 1, EventSummary.of(List.of(Notifications.numbered(i))), 100, 200, "",
                        null, null, Attempt.Next.DELIVERED, null));
            }
            opened.forEach(AttemptFiles::close);
        }
        assertEquals(1, made.get(), "one writing thread for every endpoint");

        try (AttemptWriter writer = new AttemptWriter(Executors.defaultThreadFactory())) {
            for (int i = 0; i < ENDPOINTS; i++) {
                try (AttemptFiles files = AttemptFiles.open(dir, "hook-" + i, CONFIG, writer)) {
                    assertEquals(1, files.carrying(Notifications.id(i)).size(), "hook-" + i + "'s attempt");
                    assertEquals(List.of(), files.carrying(Notifications.id((i + 1) % ENDPOINTS)),
                            "hook-" + i + " keeps no other endpoint's");
                }
            }
        }
    }
}
