package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Receiver;

/** Request threads whose interrupt flag is set make journaled registry calls: nothing is lost, then or later. */
class InterruptedCallerTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(JournalConfig.Fsync.class)
    void interruptedRequestThreadsLoseNoNotification(JournalConfig.Fsync fsync) throws Exception {
        try (Receiver receiver = Receiver.start(); LogCapture log = LogCapture.start()) {
            RegnotifyConfig config = RegnotifyConfig.DEFAULT
                    .withJournal(new JournalConfig(dir, fsync, Duration.ofMillis(20), 1L << 30, 1 << 20))
                    .withEndpoint(EndpointConfig.of("receiver", receiver.url()));
            try (WeldContainer container = FaultContainers.start(config)) {
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<List<String>>> calls = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    calls.add(pool.submit(() -> {
                        Thread.currentThread().interrupt(); // as after Future.cancel(true)
                        return FaultContainers.push(container, 1);
                    }));
                }
                for (Future<List<String>> call : calls) {
                    call.get(20, TimeUnit.SECONDS);
                }
                pool.shutdown();
                FaultContainers.push(container, 5);
                receiver.awaitAccepted(13, Duration.ofSeconds(20));
                assertEquals(13, receiver.acceptedIds().size(), "8 interrupted calls and 5 later ones");
            }
            assertEquals(List.of(), log.containing("RN-322"), "nothing was reported as full");
            assertEquals(List.of(), log.containing("RN-321"), "nothing was lost");
        }
    }
}
