package dev.regnotify.delivery.attempts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.AttemptLogConfig;
import dev.regnotify.testing.KilledChild;
import dev.regnotify.testing.Notifications;

/** A process killed with SIGKILL while it records attempts: its attempt log opens, and holds every completed write. */
class AttemptCrashTest {

    @TempDir
    Path dir;

    @Test
    void everyAttemptWhoseWriteCompletedIsThereAfterAKillWhileRecording() throws Exception {
        List<String> printed = KilledChild.runAndKill(AttemptChild.class, List.of(dir.toString()), 2000);
        long last = Long.parseLong(printed.get(printed.size() - 1));
        assertTrue(last >= 2000, "the child wrote " + last);

        try (AttemptFiles files = AttemptFiles.open(dir, "scanner", new AttemptLogConfig(100, Duration.ofDays(1),
                64L << 20), Executors.defaultThreadFactory())) {
            assertTrue(files.lastSequence() >= last, files.lastSequence() + " < " + last);
            for (long n = 1; n <= last; n += 97) {
                checkFound(files, n);
            }
            checkFound(files, last);
            List<Attempt> recovered = files.recovered(100);
            assertEquals(files.lastSequence(), recovered.get(recovered.size() - 1).sequence());
        }
    }

    private static void checkFound(AttemptFiles files, long n) {
        List<Attempt> found = files.carrying(Notifications.id((int) (5 * n)));
        assertEquals(List.of(n), found.stream().map(Attempt::sequence).toList(), "attempt " + n);
        assertEquals(5, found.get(0).events().size());
    }
}
