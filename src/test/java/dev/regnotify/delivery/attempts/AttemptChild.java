package dev.regnotify.delivery.attempts;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;

import dev.regnotify.config.AttemptLogConfig;

/**
 * The process the crash test kills: records attempts of five events each (attempt {@code n} carries events
 * {@code 5n-4} to {@code 5n}) as fast as it can, and prints the sequence of each once its write completed.
 * Argument: the directory of the attempt files.
 */
public final class AttemptChild {

    private AttemptChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        AttemptFiles files = AttemptFiles.open(Path.of(args[0]), "scanner",
                new AttemptLogConfig(100, Duration.ofDays(1), 64L << 20), Executors.defaultThreadFactory());
        AttemptLog log = AttemptLog.onDisk(100, files);
        long printed = files.written();
        String body = "y".repeat(1000);
        for (int n = (int) printed + 1; ; n++) {
            log.record(AttemptFilesTest.attempt(5 * n - 4, 5, 1, Attempt.Next.RETRY, body));
            for (long written = files.written(); printed < written; ) {
                out.println(++printed);
            }
            out.flush();
        }
    }
}
