package dev.regnotify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.messaging.BrokerChild;
import dev.regnotify.testing.ChildJvm;
import dev.regnotify.testing.IdReceiver;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;

/**
 * A registry on several machines, with a real Apache Artemis broker in its own process (persistence on, on
 * 127.0.0.1): two registry instances (child JVMs) produce 50,000 events each through a journal, two instances
 * deliver, to two endpoints, one of them down for a stretch. Meanwhile the active deliverer is killed with SIGKILL,
 * a producer is killed with SIGKILL (and restarted to forward what its journal kept), and the broker is restarted.
 * Each endpoint must get every event whose operation returned, in order per producer; repeats are counted against
 * what docs/distributed.md allows.
 */
class BrokerEndToEndIT {

    private static final int EVENTS = 50_000;
    private static final Duration LONG = Duration.ofMinutes(4);
    private static final String USER = "regnotify";

    @TempDir
    Path dir;

    /** The broker: an instance made with the distribution's {@code artemis create}, run in a process of its own. */
    private static final class ArtemisProcess implements AutoCloseable {
        private final Path instance;
        private final Path log;
        private Process process;

        ArtemisProcess(Path instance, Path log) {
            this.instance = instance;
            this.log = log;
        }

        static ArtemisProcess create(Path dir, int port, String password) throws Exception {
            Path home = Path.of(System.getProperty("artemis.home"));
            Path instance = dir.resolve("regnotify-it-broker"); // .ci/run ends a broker left running by this name
            Process create = new ProcessBuilder(home.resolve("bin/artemis").toString(), "create", instance.toString(),
                    "--user", USER, "--password", password, "--require-login", "--host", "127.0.0.1",
                    "--http-host", "127.0.0.1", "--no-web", "--no-amqp-acceptor", "--no-mqtt-acceptor",
                    "--no-stomp-acceptor", "--no-hornetq-acceptor", "--nio", "--default-port",
                    Integer.toString(port), "--silent").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("create.log").toFile()).start();
            assertTrue(create.waitFor(2, TimeUnit.MINUTES), "artemis create did not finish");
            assertEquals(0, create.exitValue(), () -> read(dir.resolve("create.log")));
            settle(instance.resolve("etc/broker.xml"));
            return new ArtemisProcess(instance, dir.resolve("broker.log"));
        }

        /**
         * The address settings docs/distributed.md tells operators to give regnotify's queues: no redelivery limit,
         * and groups dealt out again, once what was in flight is acknowledged, when a deliverer joins.
         */
        private static void settle(Path brokerXml) throws IOException {
            String xml = Files.readString(brokerXml);
            assertTrue(xml.contains("<address-settings>"), "broker.xml has address settings");
            Files.writeString(brokerXml, xml.replace("<address-settings>", "<address-settings>\n"
                    + "   <address-setting match=\"regnotify.#\">\n"
                    + "      <max-delivery-attempts>-1</max-delivery-attempts>\n"
                    + "      <default-group-rebalance>true</default-group-rebalance>\n"
                    + "      <default-group-rebalance-pause-dispatch>true</default-group-rebalance-pause-dispatch>\n"
                    + "   </address-setting>"));
        }

        void run() throws IOException {
            Files.deleteIfExists(log);
            process = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run").redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Polling.await("the broker is active", Duration.ofMinutes(1), () -> {
                assertTrue(process.isAlive(), () -> "the broker died: " + read(log));
                return read(log).contains("AMQ221007");
            });
        }

        /** Stops it as an operator would (SIGTERM): it shuts down, keeping what it persisted. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }

        private static String read(Path file) {
            try {
                return Files.exists(file) ? Files.readString(file) : "";
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }

    @Test
    void everyReturnedEventArrivesInOrderPerProducerThroughKillsAndARestart() throws Exception {
        String password = UUID.randomUUID().toString();
        int brokerPort = Receiver.freePort();
        int downPort = Receiver.freePort();
        String url = "tcp://127.0.0.1:" + brokerPort;
        List<String> atA = Collections.synchronizedList(new ArrayList<>());
        List<String> atB = Collections.synchronizedList(new ArrayList<>());
        List<AutoCloseable> open = new ArrayList<>();
        try (ArtemisProcess broker = ArtemisProcess.create(dir, brokerPort, password);
                IdReceiver a = IdReceiver.start(0, 0.0, atA::add)) {
            broker.run();
            String b = "http://127.0.0.1:" + downPort + "/events";
            List<String> endpoints = List.of(a.url().toString(), b);
            ChildJvm firstDeliverer = start(open, "deliver", url, password, endpoints);
            firstDeliverer.awaitLine("the first deliverer started", LONG, "delivering"::equals);
            ChildJvm secondDeliverer = start(open, "deliver", url, password, endpoints);
            secondDeliverer.awaitLine("the second deliverer started", LONG, "delivering"::equals);

            ChildJvm one = startProducer(open, dir.resolve("journal-1"), EVENTS, url, password, endpoints);
            ChildJvm two = startProducer(open, dir.resolve("journal-2"), EVENTS, url, password, endpoints);

            Polling.await("deliveries under way", LONG, () -> atA.size() >= 10_000);
            Polling.await("a deliverer says it is active", LONG,
                    () -> active(firstDeliverer) || active(secondDeliverer));
            ChildJvm killed = active(firstDeliverer) ? firstDeliverer : secondDeliverer;
            ChildJvm survivor = killed == firstDeliverer ? secondDeliverer : firstDeliverer;
            killed.kill();
            Polling.await("the second producer well under way", LONG, () -> two.lineCount() >= 20_000);
            two.kill();
            List<String> returnedByTwo = two.lines();
            ChildJvm twoAgain = startProducer(open, dir.resolve("journal-2"), 0, url, password, endpoints);

            Polling.await("more deliveries", LONG, () -> atA.size() >= 40_000);
            survivor.awaitLine("the other deliverer took over", LONG, "active"::equals);
            broker.stop();
            broker.run();
            twoAgain.awaitLine("the restarted producer forwarded its journal", LONG, "forwarded"::equals);
            one.awaitLine("the first producer forwarded everything", LONG, "forwarded"::equals);
            List<String> returnedByOne = one.lines().subList(0, EVENTS);

            try (IdReceiver revived = IdReceiver.start(downPort, 0.0, atB::add)) {
                List<String> returned = new ArrayList<>(returnedByOne);
                returned.addAll(returnedByTwo);
                Set<String> all = Set.copyOf(returned);
                Polling.await("every returned event at both endpoints", LONG,
                        () -> arrived(atA, all) && arrived(atB, all));
                for (var endpoint : List.of(List.of("endpoint-1", atA), List.of("endpoint-2 (down for a while)",
                        atB))) {
                    String name = (String) endpoint.get(0);
                    @SuppressWarnings("unchecked")
                    List<String> received = List.copyOf((List<String>) endpoint.get(1));
                    assertInOrder(name + ", first producer", received, returnedByOne);
                    assertInOrder(name + ", second producer", received, returnedByTwo);
                    int repeats = received.size() - new HashSet<>(received).size();
                    System.out.printf("%s: %d events received, %d returned, %d repeats%n", name, received.size(),
                            returned.size(), repeats);
                    assertTrue(repeats <= MAX_REPEATS, name + ": " + repeats + " repeats, more than " + MAX_REPEATS);
                }
            }
            survivor.closeInput();
        } finally {
            for (AutoCloseable child : open) {
                child.close();
            }
        }
    }

    /**
     * docs/distributed.md, per endpoint: a killed deliverer's received and unacknowledged messages (its consumer
     * window, 1 MiB of records of at least 180 bytes), the broker's restart (the same again), and a killed producer's
     * last message of its transaction in flight (fewer than 300 events: the broker drops the others as duplicates).
     */
    private static final int MAX_REPEATS = 2 * (1 << 20) / 180 + 300;

    private static boolean active(ChildJvm deliverer) {
        return deliverer.lines().contains("active");
    }

    private static boolean arrived(List<String> received, Set<String> expected) {
        synchronized (received) {
            return new HashSet<>(received).containsAll(expected);
        }
    }

    /** The first arrival of each of the producer's returned ids comes in the order its operations returned. */
    private static void assertInOrder(String what, List<String> received, List<String> returned) {
        Set<String> mine = Set.copyOf(returned);
        List<String> firstArrivals = new ArrayList<>(new LinkedHashSet<>(received));
        firstArrivals.removeIf(id -> !mine.contains(id));
        assertEquals(returned.size(), firstArrivals.size(), what + ": every returned event");
        assertEquals(returned, firstArrivals, what + ": in order");
    }

    private static ChildJvm start(List<AutoCloseable> open, String role, String url, String password,
            List<String> endpoints) throws IOException {
        List<String> args = new ArrayList<>(List.of(role, url, USER, password));
        args.addAll(endpoints);
        ChildJvm child = ChildJvm.start(BrokerChild.class, args);
        open.add(child);
        return child;
    }

    private static ChildJvm startProducer(List<AutoCloseable> open, Path journal, int events, String url,
            String password, List<String> endpoints) throws IOException {
        List<String> args = new ArrayList<>(List.of("produce", journal.toString(), Integer.toString(events), url,
                USER, password));
        args.addAll(endpoints);
        ChildJvm child = ChildJvm.start(BrokerChild.class, args);
        open.add(child);
        return child;
    }
}
