package dev.regnotify.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;

/**
 * A process pushing events with a journal to a dead endpoint is killed with SIGKILL at a random moment, three times;
 * a restart with a live receiver delivers every event whose operation had returned, in order.
 */
class JournalCrashTest {

    private static final int ROUNDS = 3;

    @TempDir
    Path journal;

    @Test
    void noEventWhoseOperationReturnedIsLostToSigkill() throws Exception {
        String dead = "http://127.0.0.1:" + Receiver.freePort() + "/events";
        Random random = new Random();
        List<String> returned = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            returned.addAll(runAndKill(dead, 100 + random.nextInt(400)));
        }
        assertTrue(returned.size() >= ROUNDS * 100, "returned: " + returned.size());

        try (Receiver receiver = Receiver.start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = dev.regnotify.demo.MainAccess.run(new String[] {"--bench", "0", "--journal",
                journal.toString(), "--endpoint", receiver.url().toString(), "--timeout", "60s"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(OutputStreamSink.INSTANCE));
            assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
            List<String> delivered = receiver.acceptedIds();
            assertTrue(delivered.containsAll(returned), () -> "missing: " + returned.stream()
                    .filter(id -> !delivered.contains(id)).limit(5).toList());
            List<String> inDeliveryOrder = delivered.stream().filter(returned::contains).toList();
            assertEquals(returned, inDeliveryOrder, "delivered in the order the operations returned");
        }
    }

    /** @return the ids the child printed as complete lines before it was killed */
    private List<String> runAndKill(String endpoint, int linesBeforeKill) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JournalChild.class.getName(), journal.toString(),
                endpoint).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(child.getInputStream(), output));
        reader.start();
        try {
            Polling.await("the child returned " + linesBeforeKill + " operations", java.time.Duration.ofSeconds(60),
                    () -> count(output) >= linesBeforeKill || !child.isAlive());
            assertTrue(child.isAlive(), "the child died by itself: " + output);
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
        }
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.remove(lines.size() - 1); // the last piece ends without a newline: cut by the kill, or empty
        return lines;
    }

    private static int count(ByteArrayOutputStream output) {
        synchronized (output) {
            byte[] bytes = output.toByteArray();
            int lines = 0;
            for (byte b : bytes) {
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
        } catch (java.io.IOException e) {
            // the process was killed
        }
    }

    /** Discards what is written. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }
    }
}
