package dev.regnotify.delivery.attempts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.assembly.DeliveryAssembly;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;

/** The library's assembly with a journal: each endpoint's attempts go beside it and are there after a restart. */
class AttemptLogBesideTheJournalTest {

    @TempDir
    Path journal;

    private DeliveryAssembly start(Receiver receiver) {
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withJournal(JournalConfig.in(journal)).withEndpoint(
                EndpointConfig.of("scanner", receiver.url()).toBuilder().backoff(Duration.ofMillis(5)).build());
        return DeliveryAssembly.start(config, "the test", Executors.defaultThreadFactory(), DeliveryListener.NONE,
                broker -> {
                    throw new IllegalStateException("no broker here");
                }, refused -> { });
    }

    @Test
    void anEndpointsAttemptsAreKeptBesideTheJournalAndSurviveARestart() throws Exception {
        try (Receiver receiver = Receiver.start().answering(n -> n == 1 ? Answer.refusal(500, "down")
                : Answer.status(200))) {
            DeliveryAssembly first = start(receiver);
            first.broadcaster().write(Notifications.numbered(1));
            receiver.awaitAccepted(1, Duration.ofSeconds(20));
            first.close(Duration.ofSeconds(5));
            assertTrue(Files.isDirectory(journal.resolve("attempts").resolve("7363616e6e6572")));

            DeliveryAssembly second = start(receiver);
            try {
                Endpoint scanner = second.endpoints().get(0);
                List<Attempt> attempts = scanner.attempts().newest(10, a -> true);
                assertEquals(List.of(Attempt.Next.DELIVERED, Attempt.Next.RETRY), attempts.stream()
                        .map(Attempt::next).toList());
                assertEquals("500 Internal Server Error: down", attempts.get(1).answer());
                assertEquals(2, scanner.attempts().carrying(Notifications.id(1)).size());
                assertEquals("500 Internal Server Error: down", scanner.attempts().lastFailure().answer(),
                        "the log's last failure, from before the restart");
                assertEquals("", scanner.metrics().getLastError(), "JMX's is the counters': since this start");
            } finally {
                second.close(Duration.ZERO);
            }
        }
    }
}
