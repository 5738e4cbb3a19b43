package dev.regnotify.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

/** A child JVM on the test class path, killed with SIGKILL once it has printed enough lines. */
public final class KilledChild {

    private KilledChild() {
    }

    /**
     * Runs the class's main with the arguments, waits until it printed {@code linesBeforeKill} complete lines, and
     * kills it with SIGKILL.
     *
     * @return the complete lines it printed before it died
     */
    public static List<String> runAndKill(Class<?> main, List<String> args, int linesBeforeKill) throws Exception {
        ChildJvm child = ChildJvm.start(main, args);
        try {
            Polling.await("the child printed " + linesBeforeKill + " lines", Duration.ofSeconds(60),
                    () -> child.lineCount() >= linesBeforeKill || !child.isAlive());
            assertTrue(child.isAlive(), () -> "the child died by itself after " + child.lineCount() + " lines");
        } finally {
            child.kill();
        }
        return child.lines();
    }
}
