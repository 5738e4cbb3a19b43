package dev.regnotify.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.testing.KilledChild;
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

    private List<String> runAndKill(String endpoint, int linesBeforeKill) throws Exception {
        return KilledChild.runAndKill(JournalChild.class, List.of(journal.toString(), endpoint), linesBeforeKill);
    }

    /** Discards what is written. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }
    }
}
