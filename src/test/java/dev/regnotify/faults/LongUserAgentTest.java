package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventContext;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.testing.Receiver;

/** A request whose user agent is longer than 64 KiB (the registry API takes it) still gets its webhook. */
class LongUserAgentTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(JournalConfig.Fsync.class)
    void aSeventyKilobyteUserAgentIsJournaledAndDelivered(JournalConfig.Fsync fsync) {
        String userAgent = "skopeo/1.0 " + "x".repeat(70_000);
        try (Receiver receiver = Receiver.start()) {
            RegnotifyConfig config = RegnotifyConfig.DEFAULT
                    .withJournal(new JournalConfig(dir, fsync, Duration.ofMillis(20), 1L << 30, 1 << 20))
                    .withEndpoint(EndpointConfig.of("receiver", receiver.url()));
            try (WeldContainer container = FaultContainers.start(config)) {
                List<String> ids = EventContext.of(new RequestRecord("req-1", "10.0.0.1:1234", "registry:5000",
                        "PUT", userAgent), ActorRecord.ANONYMOUS).supply(() -> FaultContainers.push(container, 1));
                receiver.awaitAccepted(1, Duration.ofSeconds(20));
                assertEquals(ids, receiver.acceptedIds());
                assertEquals(userAgent, receiver.acceptedEvents().get(0).getJsonObject("request")
                        .getString("useragent"));
            }
        }
    }
}
