package dev.regnotify.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(child.getInputStream(), output));
        reader.start();
        try {
            Polling.await("the child printed " + linesBeforeKill + " lines", Duration.ofSeconds(60),
                    () -> count(output) >= linesBeforeKill || !child.isAlive());
            assertTrue(child.isAlive(), () -> "the child died by itself: " + text(output));
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text(output).split("\n", -1)));
        lines.remove(lines.size() - 1); // the last piece ends without a newline: cut by the kill, or empty
        return lines;
    }

    private static String text(ByteArrayOutputStream output) {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    private static int count(ByteArrayOutputStream output) {
        synchronized (output) {
            int lines = 0;
            for (byte b : output.toByteArray()) {
                lines += b == '\n' ? 1 : 0;
            }
            return lines;
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process was killed
        }
    }
}
