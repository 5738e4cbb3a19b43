package dev.regnotify.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.ManifestPushed;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.messaging.EventBatches;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;

/**
 * How a forwarder should wait for the broker's confirmations, measured against a real broker: the same pre-encoded
 * messages (the journal's records of realistic events, cut as the forwarder cuts them) sent to one queue in each
 * {@link ForwardMode}, the modes alternating round after round, every mode letting a message go only once the broker
 * confirmed it, in order. Per run it prints events/s, the client's CPU per event (this whole process: the Artemis
 * client's threads included) and the broker's (from {@code /proc}, given its pid), and the load; then it takes the
 * messages off the queue and checks that the broker holds each once, in the order sent.
 *
 * <pre>
 * mvn -Pbench test-compile exec:exec -Dbench.main=dev.regnotify.bench.ForwardModes -Dbench.jvm="-Xms1g -Xmx1g" \
 *     -Djmh.args="tcp://127.0.0.1:61616 user password BROKER_PID ROUNDS EVENTS_PER_RUN 300,100 [MODES]"
 * </pre>
 *
 * MODES (comma-separated, all by default): {@code tx1 tx10 tx30} (transactions of that many messages), {@code
 * async4 async16 async64} (Jakarta Messaging's asynchronous send, that many messages in flight), {@code env10}
 * (asynchronous sends, 10 in flight, all confirmed before the next 10: an envelope of 3,000 events at a time, as
 * a sink that returns once its envelope is confirmed would send), {@code env30w16} (16 in flight, all confirmed after
 * each 30: envelopes of 9,000 events), {@code core16} (Artemis's own confirmation window:
 * the core session's send acknowledgement handler, 16 in flight). {@code bench/forward_modes.py} starts a broker and
 * runs it.
 */
public final class ForwardModes {

    private static final String QUEUE = "regnotify.forward-modes";
    private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private ForwardModes() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        long brokerPid = Long.parseLong(args[3]);
        int rounds = Integer.parseInt(args[4]);
        int eventsPerRun = Integer.parseInt(args[5]);
        List<Integer> sizes = List.of(args[6].split(",")).stream().map(Integer::valueOf).toList();
        List<ForwardMode> modes = (args.length > 7 ? List.of(args[7].split(",")) : ForwardMode.ALL).stream()
                .map(ForwardMode::named).toList();
        System.out.printf("modes %s, %d events per run, events per message %s, %d rounds; load %s%n", modes,
                eventsPerRun, sizes, rounds, load());
        Bench bench = new Bench(url, user, password, brokerPid);
        for (int size : sizes) {
            byte[][] bodies = messages(eventsPerRun, size);
            long bytes = 0;
            for (byte[] body : bodies) {
                bytes += body.length;
            }
            System.out.printf("%d events per message: %d messages of %d bytes on average%n", size, bodies.length,
                    bytes / bodies.length);
            // a short unmeasured round first: the JIT and the broker's first files
            for (ForwardMode mode : modes) {
                bench.run(mode, bodies, Math.max(1, bodies.length / 4), null);
            }
            for (int round = 1; round <= rounds; round++) {
                // each round in another order, so that no mode always follows the same one
                List<ForwardMode> order = new ArrayList<>(modes);
                Collections.rotate(order, round - 1);
                for (ForwardMode mode : order) {
                    bench.run(mode, bodies, bodies.length, "round=" + round + " events_per_message=" + size);
                }
            }
        }
        System.exit(0);
    }

    /** The runs against one broker: each on a connection of its own, its messages taken off the queue after it. */
    private static final class Bench {

        private final String url;
        private final String user;
        private final String password;
        private final long brokerPid;
        private int run;

        Bench(String url, String user, String password, long brokerPid) {
            this.url = url;
            this.user = user;
            this.password = password;
            this.brokerPid = brokerPid;
        }

        void run(ForwardMode mode, byte[][] bodies, int count, String label) throws Exception {
            int events = 0;
            for (int i = 0; i < count; i++) {
                events += ByteBuffer.wrap(bodies[i]).getInt();
            }
            String tag = "run" + (++run) + ":";
            String[] ids = new String[count];
            try (Connection connection = mode.factory(url).createConnection(user, password)) {
                Session session = mode.session(connection);
                Sender sender = mode.sender(session, session.createProducer(session.createQueue(QUEUE)), ids);
                long cpu = processCpuNanos();
                long brokerCpu = brokerCpuNanos();
                long started = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    BytesMessage message = session.createBytesMessage();
                    message.writeBytes(bodies[i]);
                    message.setStringProperty("JMSXGroupID", "forward-modes");
                    ids[i] = tag + sha256(bodies[i]);
                    message.setStringProperty(DUPLICATE_ID, ids[i]);
                    sender.send(message);
                }
                sender.finish();
                double seconds = (System.nanoTime() - started) / 1e9;
                long cpuUsed = processCpuNanos() - cpu;
                long brokerUsed = brokerCpuNanos() - brokerCpu;
                if (label != null) {
                    System.out.printf("%s mode=%-7s events_per_s=%8.0f client_cpu_us_per_event=%5.2f "
                            + "broker_cpu_us_per_event=%5.2f messages=%d seconds=%.2f load=%s%n", label, mode,
                            events / seconds, cpuUsed / 1e3 / events, brokerUsed / 1e3 / events, count, seconds,
                            load());
                }
            }
            checkAndTake(ids, mode);
        }

        /** Takes the run's messages off the queue, failing unless each came once, in the order sent. */
        private void checkAndTake(String[] ids, ForwardMode mode) throws JMSException {
            try (Connection connection = new ActiveMQConnectionFactory(url).createConnection(user, password)) {
                connection.start();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
                int i = 0;
                for (Message message = consumer.receive(5_000); message != null; message = consumer.receive(500)) {
                    String id = message.getStringProperty(DUPLICATE_ID);
                    if (i >= ids.length || !ids[i].equals(id)) {
                        throw new IllegalStateException(mode + ": message " + i + " on the queue is " + id
                                + ", expected " + (i < ids.length ? ids[i] : "none"));
                    }
                    if (++i % 200 == 0) {
                        session.commit();
                    }
                }
                session.commit();
                if (i != ids.length) {
                    throw new IllegalStateException(mode + ": " + i + " messages on the queue, " + ids.length
                            + " sent");
                }
            }
        }

        private long brokerCpuNanos() throws IOException {
            if (brokerPid <= 0) {
                return 0;
            }
            String stat = Files.readString(Path.of("/proc/" + brokerPid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime, fields 14 and 15 of proc(5), in clock ticks of 10 ms on Linux
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        }
    }

    /** How one mode sends a message, and waits for the broker's confirmation of all that it sent. */
    interface Sender {

        void send(Message message) throws JMSException, InterruptedException;

        /** Returns once the broker confirmed every message sent. */
        void finish() throws JMSException, InterruptedException;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * @return the bodies of the messages that carry {@code events} events, cut as the forwarder cuts an envelope: at
     *         most {@code perMessage} events and 90 KiB each
     */
    static byte[][] messages(int events, int perMessage) {
        Random random = new Random(28);
        EventBatches format = new EventBatches();
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            records.add(format.encode(event(i, random)));
        }
        return EventBatches.split(format.envelope(records), perMessage, 90 << 10).toArray(byte[][]::new);
    }

    /** A manifest pushed with a tag, as a registry behind a load balancer records it for a CI client. */
    private static RegistryEvent event(int n, Random random) {
        EventMetadata meta = new EventMetadata(new UUID(random.nextLong(), random.nextLong()).toString(),
                Instant.ofEpochMilli(1_764_000_000_000L + n),
                new RequestRecord(Long.toHexString(random.nextLong()), "10.0.3." + random.nextInt(256),
                        "registry:5000", "PUT", "docker/27.3.1"),
                new ActorRecord("ci-" + random.nextInt(20)), new SourceRecord("10.0.1.7:5000", "registry-2"));
        byte[] digest = new byte[32];
        random.nextBytes(digest);
        return new ManifestPushed(meta, RepositoryName.of("team-" + random.nextInt(30) + "/app"),
                new Descriptor("application/vnd.oci.image.manifest.v1+json", 500 + random.nextInt(3000),
                        Digest.parse("sha256:" + HexFormat.of().formatHex(digest))),
                Tag.of("v1." + random.nextInt(100)), List.of());
    }
}
