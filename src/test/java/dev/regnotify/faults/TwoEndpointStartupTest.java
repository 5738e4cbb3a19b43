package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.cdi.ExecutorProvider;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Receiver;

/**
 * Two endpoints with a backlog in small segments start together: the first to deliver must not delete segments the
 * second still needs, whichever thread runs first.
 */
class TwoEndpointStartupTest {

    /** How many cursor files existed each time a delivery thread was asked for. */
    static final List<Long> CURSORS_SEEN = new CopyOnWriteArrayList<>();
    static volatile Path cursors;

    /** The library's threads, watched. */
    @ApplicationScoped
    @Alternative
    @Priority(1000)
    static class WatchingExecutors implements ExecutorProvider {
        @Override
        public Executor asyncEvents() {
            return Runnable::run;
        }

        @Override
        public ThreadFactory deliveryThreads() {
            return runnable -> {
                try (Stream<Path> files = Files.list(cursors)) {
                    CURSORS_SEEN.add(files.count());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Thread thread = new Thread(runnable);
                thread.setDaemon(true);
                return thread;
            };
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int EVENTS = 600;

    @TempDir
    Path dir;

    private RegnotifyConfig config(URI first, URI second) {
        return RegnotifyConfig.DEFAULT.withDrainTimeout(Duration.ofSeconds(5))
                .withJournal(new JournalConfig(dir, JournalConfig.Fsync.INTERVAL, Duration.ofMillis(20), 1L << 30,
                        4096))
                // a backoff no test waits out: the first start must not deliver; a timeout and a threshold that a
                // receiver slow to answer its first request on a loaded machine does not turn into that backoff
                .withEndpoint(EndpointConfig.of("endpoint-1", first).withRetry(Duration.ofSeconds(10), 3,
                        Duration.ofHours(1)))
                .withEndpoint(EndpointConfig.of("endpoint-2", second).withRetry(Duration.ofSeconds(10), 3,
                        Duration.ofHours(1)));
    }

    @Test
    void everyEndpointsCursorIsOpenBeforeAnyEndpointStartsDelivering() throws Exception {
        cursors = dir.resolve("cursors");
        try (Receiver one = Receiver.start(); Receiver two = Receiver.start();
                WeldContainer container = FaultContainers.start(config(one.url(), two.url()),
                        WatchingExecutors.class)) {
            // the journal's sync thread (no cursor yet), then per endpoint its attempt log's writer and its thread
            assertEquals(List.of(0L, 2L, 2L, 2L, 2L), CURSORS_SEEN);
        }
    }

    @Test
    void bothEndpointsDeliverTheirWholeBacklogAndTheNextStartFindsNothingLeft() {
        URI down = URI.create("http://127.0.0.1:" + Receiver.freePort() + "/events");
        List<String> ids;
        try (WeldContainer container = FaultContainers.start(config(down, down).withDrainTimeout(Duration.ZERO))) {
            ids = FaultContainers.push(container, EVENTS);
        }
        try (Receiver one = Receiver.start(); Receiver two = Receiver.start(); LogCapture log = LogCapture.start()) {
            try (WeldContainer container = FaultContainers.start(config(one.url(), two.url()))) {
                one.awaitAccepted(EVENTS, WAIT);
                two.awaitAccepted(EVENTS, WAIT);
                assertEquals(ids, one.acceptedIds());
                assertEquals(ids, two.acceptedIds());
            }
            assertEquals(List.of(), log.containing("RN-309"), "no endpoint thread failed");
            try (LogCapture next = LogCapture.start();
                    WeldContainer container = FaultContainers.start(config(one.url(), two.url()))) {
                assertEquals(List.of(), next.containing("RN-326"), "nothing was left to resume");
            }
            assertEquals(EVENTS, one.acceptedIds().size());
            assertEquals(EVENTS, two.acceptedIds().size());
        }
    }
}
