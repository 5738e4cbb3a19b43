package dev.regnotify.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.journal.Journal;
import dev.regnotify.journal.JournalCursor;
import dev.regnotify.testing.Notifications;

/**
 * Recovery time of a journal holding N pending events: writes them, closes the journal, then times opening it again
 * (recovery of the last segment) and opening an endpoint's cursor (which counts what it has to deliver).
 * {@code mvn -Pbench test-compile exec:exec -Dbench.main=dev.regnotify.bench.JournalRecovery -Djmh.args=1000000}
 */
public final class JournalRecovery {

    private JournalRecovery() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("regnotify-recovery-");
        JournalConfig config = new JournalConfig(dir, JournalConfig.Fsync.INTERVAL, JournalConfig.DEFAULT_INTERVAL,
                4L << 30, JournalConfig.DEFAULT_SEGMENT_BYTES);
        try (Journal journal = Journal.open(config, Executors.defaultThreadFactory())) {
            journal.cursor("endpoint", e -> true);
            for (int i = 0; i < count; i++) {
                journal.append(Notifications.numbered(i));
            }
        }
        long started = System.nanoTime();
        try (Journal journal = Journal.open(config, Executors.defaultThreadFactory())) {
            JournalCursor cursor = journal.cursor("endpoint", e -> true);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("pending=%d journal_bytes=%d segments=%d recovery_seconds=%.3f%n", cursor.pending(),
                    journal.retainedBytes(), journal.segmentCount(), seconds);
        }
        System.exit(0);
    }
}
