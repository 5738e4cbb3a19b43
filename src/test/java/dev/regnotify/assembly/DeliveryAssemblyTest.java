package dev.regnotify.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.ConfigException;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.Format;
import dev.regnotify.config.IgnoreConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.EndpointMetricsMXBean;
import dev.regnotify.delivery.metrics.JmxRegistration;
import dev.regnotify.journal.Journal;
import dev.regnotify.messaging.Broker;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.LibraryThreads;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;

/**
 * The delivery wing assembled from a configuration without a container: real receivers on 127.0.0.1, real journal
 * directories, a real Artemis for the broker's halves.
 */
class DeliveryAssemblyTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ORIGIN = "the test's configuration";
    private static final Function<BrokerConfig, Broker> NO_BROKER = broker -> {
        throw new AssertionError("no broker is configured, none is looked up");
    };

    @TempDir
    Path dir;

    private final List<ConfigException> refusals = new CopyOnWriteArrayList<>();
    private Set<Thread> before;
    private LogCapture log;

    @BeforeEach
    void watch() {
        before = LibraryThreads.alive();
        log = LogCapture.start();
    }

    @AfterEach
    void nothingIsLeftRunning() {
        log.close();
        LibraryThreads.awaitEnded(before, WAIT);
    }

    /** Threads named as the library's, so that those left running are seen. */
    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "regnotify-test-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private DeliveryAssembly start(RegnotifyConfig config, ThreadFactory threads,
            Function<BrokerConfig, Broker> brokers) {
        return DeliveryAssembly.start(config, ORIGIN, threads, DeliveryListener.NONE, brokers, refusals::add);
    }

    private DeliveryAssembly start(RegnotifyConfig config) {
        return start(config, threads(), NO_BROKER);
    }

    private JournalConfig journal() {
        return new JournalConfig(dir.resolve("journal"), JournalConfig.Fsync.INTERVAL, Duration.ofMillis(20),
                1L << 30, 1 << 20);
    }

    private static EndpointConfig disabled(String name, URI url) {
        return new EndpointConfig(name, true, url, Map.of(), EndpointConfig.DEFAULT_TIMEOUT, 3, Duration.ofSeconds(1),
                IgnoreConfig.NONE, BatchConfig.SINGLE, Format.V1);
    }

    private static boolean registered(String endpoint) {
        return ManagementFactory.getPlatformMBeanServer().isRegistered(JmxRegistration.objectName(endpoint));
    }

    @Test
    void memoryQueuesDeliverToEveryEnabledEndpointAndADisabledOneIsSkipped() {
        try (Receiver first = Receiver.start(); Receiver second = Receiver.start(); Receiver off = Receiver.start()) {
            DeliveryAssembly assembly = start(RegnotifyConfig.DEFAULT
                    .withEndpoint(EndpointConfig.of("asm-first", first.url()))
                    .withEndpoint(disabled("asm-off", off.url()))
                    .withEndpoint(EndpointConfig.of("asm-second", second.url())));
            assertEquals(List.of("asm-first", "asm-second"), assembly.endpoints().stream().map(Endpoint::name)
                    .toList());
            assertTrue(assembly.active());
            assertEquals(-1, assembly.journalBytes(), "no journal");
            assertTrue(registered("asm-first") && registered("asm-second") && !registered("asm-off"));
            assertEquals(List.of("INFO RN-300 notifications go to asm-first (http://127.0.0.1:" + first.port()
                    + "/<redacted>), asm-second (http://127.0.0.1:" + second.port() + "/<redacted>)"),
                    log.containing("RN-300"));

            assembly.broadcaster().write(Notifications.numbered(1));
            first.awaitAccepted(1, WAIT);
            second.awaitAccepted(1, WAIT);

            assertEquals(Map.of("asm-first", 0L, "asm-second", 0L), assembly.close(Duration.ofSeconds(5)));
            assertEquals(List.of("INFO RN-310 notifications stopped, all delivered: asm-first=0, asm-second=0"),
                    log.containing("RN-310"));
            assertFalse(registered("asm-first") || registered("asm-second"), "unregistered once closed");
            assertEquals(0, off.attempts(), "the disabled endpoint is never sent to");
            assertEquals(Map.of(), assembly.close(Duration.ofSeconds(5)), "a second close does nothing");
            assertEquals(1, log.containing("RN-310").size());
        }
    }

    @Test
    void eachDeliveringEndpointSaysItsRetryRuleInForceOnceAtStart() {
        RegnotifyConfig config = RegnotifyConfig.parse("""
                {"notifications": {"endpoints": [
                  {"name": "asm-plain", "url": "http://127.0.0.1:9/x"},
                  {"name": "asm-bounded", "url": "http://127.0.0.1:9/x", "threshold": 3, "backoff": "2s",
                   "retry": {"maxattempts": 5}},
                  {"name": "asm-exp", "url": "http://127.0.0.1:9/x", "threshold": 3,
                   "retry": {"initialdelay": "20ms", "maxdelay": "3s", "maxage": "1h"}}]}}""");
        DeliveryAssembly assembly = start(config);
        assertEquals(List.of(
                "INFO RN-316 endpoint asm-plain retries by distribution's rule: 10 failures in a row are retried at "
                        + "once, then one attempt every 1s; attempts never end",
                "INFO RN-316 endpoint asm-bounded retries by distribution's rule: 3 failures in a row are retried at "
                        + "once, then one attempt every 2s; an envelope gets at most 5 attempts, then becomes a dead "
                        + "letter",
                "INFO RN-316 endpoint asm-exp retries by the exponential policy: a random wait of up to 20ms after "
                        + "the first failure, doubling with each failure in a row up to 3s, a Retry-After on 429 or "
                        + "503 honoured up to 3s, 410 Gone disables the endpoint (threshold and backoff are not "
                        + "used); no attempt later than 1h after an envelope's first, then it becomes a dead letter"),
                log.containing("RN-316"));
        assembly.close(Duration.ZERO);
        assertEquals(3, log.containing("RN-316").size(), "said once");
    }

    @Test
    void stoppingWithDeadLettersNeverSaysAllDelivered() {
        try (Receiver refusing = Receiver.start().answering(n -> Receiver.Answer.refusal(400, "no"));
                Receiver taking = Receiver.start()) {
            DeliveryAssembly assembly = start(RegnotifyConfig.DEFAULT
                    .withEndpoint(EndpointConfig.builder("asm-refused", refusing.url())
                            .retry(RetryConfig.DISTRIBUTION.withBounds(1, Duration.ZERO)).build())
                    .withEndpoint(EndpointConfig.of("asm-taken", taking.url())));
            for (int i = 0; i < 2; i++) {
                assembly.broadcaster().write(Notifications.numbered(i));
            }
            taking.awaitAccepted(2, WAIT);
            Polling.await("both events are dead letters", WAIT,
                    () -> assembly.endpoints().get(0).metrics().getDeadLetters() == 2);

            assertEquals(Map.of("asm-refused", 0L, "asm-taken", 0L), assembly.close(Duration.ofSeconds(5)),
                    "nothing is left queued");
            assertEquals(List.of("WARNING RN-310 notifications stopped, none left queued, but 2 events are dead "
                    + "letters (in memory only: lost with this process): asm-refused=0 (dead letters: 2), asm-taken=0"),
                    log.containing("RN-310"));
        }
    }

    /** @return a configuration whose journal holds twelve events for {@code asm-resumed} when it starts */
    private RegnotifyConfig twelveEventsInTheJournal(URI down, RetryConfig retry) {
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withJournal(journal()).withEndpoint(EndpointConfig.builder(
                "asm-resumed", down).retry(retry).batch(new BatchConfig(20, 1 << 20)).build());
        // written with retries that never end, so that no attempt at the down receiver makes a dead letter before the
        // close: the events wait in the journal for the start under test
        DeliveryAssembly first = start(RegnotifyConfig.DEFAULT.withJournal(journal()).withEndpoint(
                EndpointConfig.builder("asm-resumed", down).batch(new BatchConfig(20, 1 << 20)).build()));
        for (int i = 0; i < 12; i++) {
            first.broadcaster().write(Notifications.numbered(i));
        }
        assertEquals(Map.of("asm-resumed", 12L), first.close(Duration.ZERO));
        return config;
    }

    @Test
    void aDeadLetterLineCarriesTheIdsOfItsEvents() {
        URI down = URI.create("http://127.0.0.1:" + Receiver.freePort() + "/events");
        RegnotifyConfig config = twelveEventsInTheJournal(down, RetryConfig.DISTRIBUTION.withBounds(1, Duration.ZERO));
        try (Receiver refusing = Receiver.startOn(down.getPort()).answering(n -> Receiver.Answer.refusal(500, "no"))) {
            DeliveryAssembly resumed = start(config);
            Polling.await("a dead letter", WAIT, () -> !log.containing("RN-331").isEmpty());
            assertEquals(List.of("WARNING RN-331 endpoint asm-resumed: 12 events (" + String.join(", ",
                    Notifications.ids(0, 10)) + " and 2 more) became dead letter 1 after 1 attempts: 500 Internal "
                    + "Server Error: no"), log.containing("RN-331"));
            resumed.close(Duration.ZERO);
        }
    }

    @Test
    void eventsResumedFromTheJournalAreCountedAsTheEndpointsEvents() {
        URI down = URI.create("http://127.0.0.1:" + Receiver.freePort() + "/events");
        RegnotifyConfig config = twelveEventsInTheJournal(down, RetryConfig.DISTRIBUTION);
        try (Receiver failing = Receiver.startOn(down.getPort()).answering(n -> n == 1
                ? Receiver.Answer.refusal(503, "busy") : Receiver.Answer.status(200))) {
            DeliveryAssembly resumed = start(config);
            failing.awaitAccepted(12, WAIT);
            EndpointMetricsMXBean metrics = resumed.endpoints().get(0).metrics();
            Polling.await("the successes counted", WAIT, () -> metrics.getSuccesses() == 12);
            assertEquals(12, metrics.getFailures(), "the first envelope, refused once");
            assertEquals(12, metrics.getEvents(), "the events it resumed with are its events");
            resumed.broadcaster().write(Notifications.numbered(12));
            failing.awaitAccepted(13, WAIT);
            assertEquals(13, metrics.getEvents());
            resumed.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void withAJournalAnEndpointsFilterChoosesWhatItsCursorGives() {
        try (Receiver team = Receiver.start(); Receiver all = Receiver.start()) {
            DeliveryAssembly assembly = start(RegnotifyConfig.DEFAULT.withJournal(journal())
                    .withEndpoint(EndpointConfig.builder("asm-team", team.url()).filter(new dev.regnotify.config
                            .FilterConfig(List.of(dev.regnotify.config.Glob.repository("team/*")), List.of(),
                            Set.of(), Set.of(), Set.of())).build())
                    .withEndpoint(EndpointConfig.of("asm-all", all.url())));
            for (int i = 0; i < 6; i++) {
                assembly.broadcaster().write(Notifications.pushedTo(i, dev.regnotify.registry.RepositoryName.of(
                        i % 2 == 0 ? "team/app" : "other/app")));
            }
            all.awaitAccepted(6, WAIT);
            team.awaitAccepted(3, WAIT);
            assertEquals(List.of(Notifications.id(0), Notifications.id(2), Notifications.id(4)), team.acceptedIds());
            assertEquals(Notifications.ids(0, 6), all.acceptedIds());
            assertEquals(Map.of("asm-team", 0L, "asm-all", 0L), assembly.close(Duration.ofSeconds(5)));
        }
    }

    @Test
    void withoutAnEnabledEndpointNotificationsAreOffAndNothingIsOpened() {
        DeliveryAssembly assembly = start(RegnotifyConfig.DEFAULT.withJournal(journal())
                .withEndpoint(disabled("asm-off", URI.create("http://127.0.0.1:9/x"))));
        assertEquals(List.of(), assembly.endpoints());
        assertFalse(assembly.active());
        assertEquals(-1, assembly.journalBytes(), "no journal opened for nobody");
        assertFalse(Files.exists(journal().directory()), "the journal's directory is untouched");
        assertEquals(1, log.containing("RN-301 notifications are off").size(), () -> log.lines().toString());
        assembly.broadcaster().write(Notifications.numbered(1));
        assertEquals(Map.of(), assembly.close(Duration.ZERO));
        assertEquals(List.of(), log.containing("RN-310"));
    }

    @Test
    void everyJournalCursorIsOpenBeforeAnyEndpointStarts() {
        Path cursors = journal().directory().resolve("cursors");
        List<Long> cursorsSeen = new CopyOnWriteArrayList<>();
        ThreadFactory named = threads();
        ThreadFactory watching = task -> {
            try (Stream<Path> files = Files.exists(cursors) ? Files.list(cursors) : Stream.empty()) {
                cursorsSeen.add(files.count());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return named.newThread(task);
        };
        try (Receiver one = Receiver.start(); Receiver two = Receiver.start()) {
            DeliveryAssembly assembly = start(RegnotifyConfig.DEFAULT.withJournal(journal())
                    .withEndpoint(EndpointConfig.of("asm-one", one.url()))
                    .withEndpoint(EndpointConfig.of("asm-two", two.url())), watching, NO_BROKER);
            // the journal's sync thread (no cursor yet), then per endpoint its attempt log's writer, then the
            // delivery pool's threads, as many as the endpoints' first turns asked for: all once both cursors were open
            assertEquals(0L, cursorsSeen.get(0), cursorsSeen::toString);
            assertTrue(cursorsSeen.size() >= 4, cursorsSeen::toString);
            assertEquals(List.of(2L), cursorsSeen.stream().skip(1).distinct().toList(), cursorsSeen::toString);
            assertTrue(assembly.journalBytes() >= 0, "the journal is open");
            assembly.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void theJournalStaysOpenUntilTheEndpointsDrainedAndIsReleasedAfter() {
        URI down = URI.create("http://127.0.0.1:" + Receiver.freePort() + "/events");
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withJournal(journal())
                .withEndpoint(EndpointConfig.of("asm-slow", down));
        DeliveryAssembly kept = start(config);
        for (int i = 0; i < 5; i++) {
            kept.broadcaster().write(Notifications.numbered(i));
        }
        assertEquals(Map.of("asm-slow", 5L), kept.close(Duration.ZERO));
        assertEquals(List.of("WARNING RN-310 notifications stopped, 5 undelivered after 0s (kept in the journal for "
                + "the next start): asm-slow=5"), log.containing("RN-310"));

        // the next start resumes from the journal; a slow receiver makes the drain outlast the first answers
        try (Receiver slow = Receiver.startOn(down.getPort()).answering(n -> Receiver.Answer.after(
                Duration.ofMillis(100)))) {
            DeliveryAssembly resumed = start(config);
            Polling.await("a first delivery is under way", WAIT, () -> slow.attempts() > 0);
            assertEquals(Map.of("asm-slow", 0L), resumed.close(Duration.ofSeconds(10)),
                    "the cursor was read to its end while draining: the journal was still open");
            assertEquals(Notifications.ids(0, 5), slow.acceptedIds());
        }
        Journal.open(journal(), threads()).close();
    }

    @Test
    void aHeaderTheClientRefusesFailsTheStartNamingItsKeyAndClosesWhatWasOpened() {
        try (Receiver receiver = Receiver.start()) {
            RegnotifyConfig config = RegnotifyConfig.DEFAULT.withJournal(journal())
                    .withEndpoint(disabled("asm-off", receiver.url()))
                    .withEndpoint(EndpointConfig.of("asm-good", receiver.url()))
                    .withEndpoint(EndpointConfig.of("asm-bad", receiver.url())
                            .withHeaders(Map.of("X-Token", List.of("s3cr3t\r\n"))));
            ConfigException refused = assertThrows(ConfigException.class, () -> start(config));
            assertEquals("notifications.endpoints[2].headers", refused.path(), "indexed among all endpoints");
            assertTrue(refused.getMessage().contains("X-Token") && refused.getMessage().endsWith("(in " + ORIGIN
                    + ")"), refused.getMessage());
            assertFalse(refused.getMessage().contains("s3cr3t"), refused.getMessage());
            assertEquals(List.of(refused), refusals, "told once, before the start fails");
            assertFalse(registered("asm-good"), "no metrics of a failed start");
            assertEquals(List.of(), log.containing("RN-300"));
        }
        // the journal was released: it opens again at once (the endpoint started first ended: see @AfterEach)
        Journal.open(journal(), threads()).close();
    }

    @Test
    void aJournalDirectoryThatCannotBeCreatedIsRefusedNamingItsKeyAndWhy() throws IOException {
        Path file = Files.writeString(dir.resolve("hostname"), "registry-1\n");
        Path under = file.resolve("journal");
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withJournal(new JournalConfig(under,
                JournalConfig.Fsync.INTERVAL, Duration.ofMillis(20), 1L << 30, 1 << 20))
                .withEndpoint(EndpointConfig.of("asm-journaled", URI.create("http://127.0.0.1:9/x")));
        ConfigException refused = assertThrows(ConfigException.class, () -> start(config));
        assertEquals("notifications.journal.directory", refused.path());
        assertEquals("notifications.journal.directory: " + under + " cannot be the journal's directory: " + file
                + " is a file, not a directory (in " + ORIGIN + ")", refused.getMessage());
        assertEquals(List.of(refused), refusals, "told once, before the start fails");
        assertEquals(List.of(), log.containing("RN-300"));
    }

    @Test
    void aBrokerEndpointForwardsThenDeliversAndCloseEndsBothHalves() throws Exception {
        try (EmbeddedBroker server = EmbeddedBroker.start(dir.resolve("broker"));
                Receiver receiver = Receiver.start()) {
            RegnotifyConfig config = RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("asm-scans",
                    receiver.url())).withBroker(BrokerConfig.at(server.url()));
            List<BrokerConfig> lookedUp = new CopyOnWriteArrayList<>();
            DeliveryAssembly assembly = start(config, threads(), broker -> {
                lookedUp.add(broker);
                return Broker.artemis(broker);
            });
            assertEquals(List.of(config.broker()), lookedUp);
            assertEquals(List.of("asm-scans@broker", "asm-scans"), assembly.endpoints().stream().map(Endpoint::name)
                    .toList(), "the forwarder written to, then the deliverer fed from the broker");
            assertTrue(assembly.active());
            for (int i = 0; i < 3; i++) {
                assembly.broadcaster().write(Notifications.numbered(i));
            }
            receiver.awaitAccepted(3, WAIT);
            assertEquals(List.of("asm-scans@broker", "asm-scans"), List.copyOf(assembly.close(Duration.ofSeconds(5))
                    .keySet()), "what was left, in the order of the endpoints");
        }
    }

    @Test
    void aDelivererWhoseDeadLettersNothingKeepsIsRefusedAndTheForwarderStartedBeforeIsClosed() {
        EndpointConfig bounded = EndpointConfig.of("asm-bounded", URI.create("http://127.0.0.1:9/x"))
                .withRetryPolicy(RetryConfig.exponential(Duration.ofMillis(10), Duration.ofSeconds(1))
                        .withBounds(3, Duration.ZERO));
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withEndpoint(bounded)
                .withBroker(BrokerConfig.at("tcp://127.0.0.1:" + Receiver.freePort()));
        ConfigException refused = assertThrows(ConfigException.class, () -> start(config, threads(),
                Broker::artemis));
        assertEquals("notifications.journal", refused.path());
        assertTrue(refused.getMessage().contains("endpoint asm-bounded"), refused.getMessage());
        assertEquals(List.of(refused), refusals);
        // the forwarder, started first (role both), ends with the failed start: @AfterEach sees no thread left
    }

    @Test
    void aDeliveringInstanceSaysItsOwnOperationsNotifyNobody() {
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("asm-worker",
                URI.create("http://127.0.0.1:9/x"))).withBroker(BrokerConfig.at("tcp://127.0.0.1:"
                + Receiver.freePort()).withRole(BrokerConfig.Role.DELIVER));
        DeliveryAssembly assembly = start(config, threads(), Broker::artemis);
        assertEquals(List.of("asm-worker"), assembly.endpoints().stream().map(Endpoint::name).toList());
        assertFalse(assembly.active(), "nothing of this instance is written");
        assertEquals(1, log.containing("RN-344 this instance delivers only").size(), () -> log.lines().toString());
        assertEquals(Map.of("asm-worker", 0L), assembly.close(Duration.ZERO));
    }
    /**
     * Two delivering instances of one configuration share its three endpoints out, two and one, through the
     * deliverers' topic; a third instance produces.
     */
    @Test
    void deliveringInstancesShareTheEndpointsOut() throws Exception {
        try (EmbeddedBroker server = EmbeddedBroker.startWithoutDeliveryLimit(dir.resolve("broker"), "regnotify.#");
                Receiver first = Receiver.start(); Receiver second = Receiver.start();
                Receiver third = Receiver.start()) {
            List<Receiver> receivers = List.of(first, second, third);
            RegnotifyConfig config = RegnotifyConfig.DEFAULT;
            for (int e = 0; e < 3; e++) {
                config = config.withEndpoint(EndpointConfig.of("asm-spread-" + e, receivers.get(e).url()));
            }
            BrokerConfig broker = BrokerConfig.at(server.url());
            List<DeliveryAssembly> deliverers = List.of(
                    start(config.withBroker(broker.withRole(BrokerConfig.Role.DELIVER)), threads(), Broker::artemis),
                    start(config.withBroker(broker.withRole(BrokerConfig.Role.DELIVER)), threads(), Broker::artemis));
            Polling.await("shared out two and one", WAIT, () -> log.containing("RN-350").stream().anyMatch(line
                    -> line.contains("consumes 2 of the 3 endpoints that 2")) && log.containing("RN-350").stream()
                    .anyMatch(line -> line.contains("consumes 1 of the 3 endpoints that 2")));
            DeliveryAssembly producer = start(config.withBroker(broker.withRole(BrokerConfig.Role.PRODUCE)),
                    threads(), Broker::artemis);
            write(producer, 0, 50, receivers);
            List<List<Long>> before = successes(deliverers);
            write(producer, 50, 100, receivers);
            List<List<Long>> after = successes(deliverers);
            List<Long> delivering = new ArrayList<>();
            for (int d = 0; d < 2; d++) {
                int instance = d;
                delivering.add(IntStream.range(0, 3).filter(e -> after.get(instance).get(e)
                        > before.get(instance).get(e)).count());
            }
            assertEquals(List.of(1L, 2L), delivering.stream().sorted().toList(), "endpoints each delivered: "
                    + before + " then " + after);
            producer.close(Duration.ofSeconds(5));
            deliverers.forEach(deliverer -> deliverer.close(Duration.ofSeconds(5)));
        }
    }

    /** With {@code spread} off, a delivering instance joins no topic: the broker gives each endpoint to any. */
    @Test
    void withSpreadOffNoDelivererJoinsTheTopic() throws Exception {
        try (EmbeddedBroker server = EmbeddedBroker.start(dir.resolve("broker")); Receiver receiver = Receiver.start()) {
            RegnotifyConfig config = RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("asm-alone",
                    receiver.url())).withBroker(BrokerConfig.at(server.url()).withSpread(false));
            DeliveryAssembly assembly = start(config, threads(), Broker::artemis);
            assembly.broadcaster().write(Notifications.numbered(1));
            receiver.awaitAccepted(1, WAIT);
            assertFalse(LibraryThreads.startedSince(before).contains("regnotify-deliverers"),
                    LibraryThreads.startedSince(before).toString());
            assertEquals(List.of(), log.containing("RN-350"));
            assembly.close(Duration.ofSeconds(5));
        }
    }

    private static void write(DeliveryAssembly producer, int from, int toExclusive, List<Receiver> receivers) {
        for (int n = from; n < toExclusive; n++) {
            producer.broadcaster().write(Notifications.numbered(n));
        }
        receivers.forEach(receiver -> receiver.awaitAccepted(toExclusive, WAIT));
    }

    /** @return per deliverer, its endpoints' successes */
    private static List<List<Long>> successes(List<DeliveryAssembly> deliverers) {
        return deliverers.stream().map(deliverer -> deliverer.endpoints().stream()
                .map(endpoint -> endpoint.metrics().getSuccesses()).toList()).toList();
    }
}
