package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.journal.Journal;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Receiver;

/** A start that fails on a bad endpoint leaves nothing open: the journal can be opened at once. */
class FailedStartTest {

    @TempDir
    Path dir;

    @Test
    void aFailedStartClosesTheJournalAndNamesTheHeaderButNotItsValue() {
        JournalConfig journal = new JournalConfig(dir, JournalConfig.Fsync.INTERVAL, Duration.ofMillis(20), 1L << 30,
                1 << 20);
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withJournal(journal)
                .withEndpoint(EndpointConfig.of("good", Receiver.start().url()))
                .withEndpoint(EndpointConfig.of("bad", Receiver.start().url())
                        .withHeaders(Map.of("X-Token", List.of("s3cr3t\r\n"))));
        RuntimeException failed;
        try (LogCapture log = LogCapture.start()) {
            failed = assertThrows(RuntimeException.class, () -> FaultContainers.start(config).close());
            List<String> said = log.containing("RN-403");
            assertEquals(1, said.size(), "one line of its own, above the container's stack trace: " + log.lines());
            assertTrue(said.get(0).contains("X-Token") && !said.get(0).contains("s3cr3t"), said.get(0));
        }
        String messages = describe(failed);
        assertTrue(messages.contains("notifications.endpoints[1].headers") && messages.contains("X-Token")
                && messages.contains("(in the application's RegnotifyConfig bean)"), messages);
        assertFalse(messages.contains("s3cr3t"), messages);
        Journal.open(journal, Executors.defaultThreadFactory()).close();
    }

    @Test
    void aJournalDirectoryThatCannotBeCreatedFailsTheStartNamingItsKeyInItsOwnLine() throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("hostname"), "registry-1\n");
        JournalConfig journal = new JournalConfig(file.resolve("journal"), JournalConfig.Fsync.INTERVAL,
                Duration.ofMillis(20), 1L << 30, 1 << 20);
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withJournal(journal)
                .withEndpoint(EndpointConfig.of("good", Receiver.start().url()));
        RuntimeException failed;
        try (LogCapture log = LogCapture.start()) {
            failed = assertThrows(RuntimeException.class, () -> FaultContainers.start(config).close());
            List<String> said = log.containing("RN-403");
            assertEquals(1, said.size(), "one line of its own, as every configuration error: " + log.lines());
            assertTrue(said.get(0).contains("notifications.journal.directory: " + file.resolve("journal")),
                    said.get(0));
        }
        String messages = describe(failed);
        assertTrue(messages.contains("ConfigException: notifications.journal.directory: ")
                && messages.contains("(in the application's RegnotifyConfig bean)"), messages);
    }

    private static String describe(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
