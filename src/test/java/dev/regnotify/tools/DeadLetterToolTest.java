package dev.regnotify.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.deadletter.DeadLetterFiles;
import dev.regnotify.journal.Journal;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Receiver;

/** The dead letter tool run in-process, as {@code java -cp regnotify.jar} runs it, over a real journal directory. */
class DeadLetterToolTest {

    private static final Instant T = Instant.parse("2026-12-03T09:00:00Z");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DeadLetterTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Leaves two letters of endpoint scanner in the journal's directory, as a process that made them would. */
    private void twoLetters() throws Exception {
        try (Journal journal = Journal.open(JournalConfig.in(dir), Executors.defaultThreadFactory());
                DeadLetterFiles files = journal.deadLetterFiles("scanner")) {
            files.save(new DeadLetter(1, "scanner", List.of(Notifications.numbered(1), Notifications.numbered(2)), 3,
                    T, T.plusSeconds(60), "500 Internal Server Error: database is down"));
            files.save(new DeadLetter(2, "scanner", List.of(Notifications.numbered(3)), 3, T, T.plusSeconds(90),
                    "503 Service Unavailable"));
        }
    }

    @Test
    void listPrintsEachLetterOfAJournalsDirectoryEvenWhileAnotherProcessHoldsIt() throws Exception {
        twoLetters();
        try (Journal held = Journal.open(JournalConfig.in(dir), Executors.defaultThreadFactory())) {
            assertEquals(0, run("list", dir.toString()), err());
        }

        List<String> lines = out().lines().toList();
        assertEquals(2, lines.size(), out());
        assertTrue(lines.get(0).startsWith("endpoint=scanner id=1 events=2 attempts=3"), lines.get(0));
        assertTrue(lines.get(1).contains("error=503 Service Unavailable"), lines.get(1));
        assertTrue(err().contains("2 dead letters in " + dir), err());
    }

    @Test
    void replayDeliversAnEndpointsLettersOnAJournalNoProcessHoldsAndExitsZeroWhenNoneIsLeft() throws Exception {
        twoLetters();
        try (Receiver receiver = Receiver.start()) {
            Path config = config(receiver);

            assertEquals(0, run("replay", config.toString(), "scanner", "20s"), err());

            assertEquals(Notifications.ids(1, 4), receiver.acceptedIds(), "the letters' events, with their ids");
            assertEquals(0, run("list", dir.toString()));
            assertTrue(err().contains("0 dead letters in"), err());
        }
    }

    @Test
    void replayIsRefusedWhileTheRegistryHoldsTheJournalAndSaysWhereToReplayInstead() throws Exception {
        twoLetters();
        try (Receiver receiver = Receiver.start();
                Journal held = Journal.open(JournalConfig.in(dir), Executors.defaultThreadFactory())) {
            assertEquals(2, run("replay", config(receiver).toString(), "scanner"));

            assertTrue(err().contains("one per directory") && err().contains("over JMX or the console"), err());
            assertEquals(0, receiver.attempts());
        }
    }

    @Test
    void anUnknownEndpointOrABadCommandIsAUsageErrorThatChangesNothing() throws Exception {
        twoLetters();
        try (Receiver receiver = Receiver.start()) {
            assertEquals(2, run("replay", config(receiver).toString(), "nobody"));
            assertTrue(err().contains("nobody"), err());
            assertEquals(2, run("purge", dir.toString()));
            assertTrue(err().contains("usage: DeadLetterTool list"), err());
            assertEquals(2, run("list", dir.resolve("missing").toString()));
            assertEquals(0, run("list", dir.toString()));
            assertEquals(2, out().lines().count(), "both letters are still there");
        }
    }

    private Path config(Receiver receiver) throws Exception {
        Path config = dir.resolveSibling(dir.getFileName() + "-regnotify.json");
        Files.writeString(config, "{\"notifications\": {\"journal\": {\"directory\": \"" + dir.toString()
                .replace("\\", "\\\\") + "\"}, \"endpoints\": [{\"name\": \"scanner\", \"url\": \"" + receiver.url()
                + "\"}]}}");
        return config;
    }
}
