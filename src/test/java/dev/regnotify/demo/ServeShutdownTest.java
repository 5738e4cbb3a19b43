package dev.regnotify.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.registry.Digest;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;

/**
 * {@code --serve} in its own process: stopping it (SIGTERM, as Ctrl-C's hooks) drains the queue; several instances
 * behind one broker.
 */
class ServeShutdownTest {

    @TempDir
    Path storage;

    @Test
    void stoppingTheServerDrainsItsNotificationsAndSaysSo() throws Exception {
        try (Receiver receiver = Receiver.start().answering(n -> n == 1 ? Answer.hang() : Answer.status(200))) {
            Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--serve", "0", "--storage",
                    storage.toString(), "--endpoint", receiver.url().toString()).start();
            StringBuffer err = new StringBuffer();
            Thread reader = new Thread(() -> copyLines(serve, err));
            reader.start();
            try {
                int port = port(err);
                byte[] content = "served".getBytes(StandardCharsets.UTF_8);
                HttpResponse<String> pushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/v2/serve/app/blobs/uploads/?digest=" + Digest.of(content)))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(201, pushed.statusCode(), pushed.body());
                Polling.await("the notification is in flight", () -> receiver.attempts() == 1);

                serve.toHandle().destroy(); // SIGTERM; unlike Process.destroy, it leaves our end of stderr open
                receiver.release();
                assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "the server exited");
                reader.join(10_000);
                assertEquals(1, receiver.acceptedIds().size());
                assertTrue(err.toString().contains("regnotify registry stopped: every notification was delivered\n"),
                        err.toString());
            } finally {
                serve.destroyForcibly();
            }
        }
    }

    @Test
    void stoppingWithDeadLettersSaysSoRatherThanEverythingWasDelivered() throws Exception {
        try (Receiver receiver = Receiver.start().answering(n -> Answer.refusal(400, "refused"))) {
            Path config = storage.resolveSibling(storage.getFileName() + "-regnotify.json");
            java.nio.file.Files.writeString(config, "{\"notifications\":{\"endpoints\":[{\"name\":\"refusing\","
                    + "\"url\":\"" + receiver.url() + "\",\"retry\":{\"maxattempts\":1}}]}}");
            Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--serve", "0", "--storage",
                    storage.toString(), "--config", config.toString()).start();
            StringBuffer err = new StringBuffer();
            Thread reader = new Thread(() -> copyLines(serve, err));
            reader.start();
            try {
                int port = port(err);
                byte[] content = "refused".getBytes(StandardCharsets.UTF_8);
                HttpResponse<String> pushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/v2/serve/app/blobs/uploads/?digest=" + Digest.of(content)))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(201, pushed.statusCode(), pushed.body());
                Polling.await("the dead letter is made", () -> err.toString().contains("RN-331"));

                serve.toHandle().destroy();
                assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "the server exited");
                reader.join(10_000);
                assertTrue(err.toString().contains("regnotify registry stopped: no notification is left queued, but 1 "
                        + "is a dead letter, not delivered (in memory only: lost now)\n"), err.toString());
            } finally {
                serve.destroyForcibly();
            }
        }
    }

    /** Two registry instances that produce through one broker, and a worker that delivers what both produced. */
    @Test
    void severalServedInstancesShareABroker(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
                Receiver receiver = Receiver.start()) {
            List<Process> instances = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                            "--serve", "0", "--storage", dir.resolve("storage-" + i).toString(), "--broker",
                            broker.url(), "--role", "produce", "--endpoint", receiver.url().toString()).start();
                    instances.add(serve);
                    StringBuffer err = new StringBuffer();
                    new Thread(() -> copyLines(serve, err)).start();
                    byte[] content = ("instance " + i).getBytes(StandardCharsets.UTF_8);
                    HttpResponse<String> pushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + port(err) + "/v2/many/app/blobs/uploads/?digest="
                            + Digest.of(content))).POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(201, pushed.statusCode(), pushed.body());
                }
                // a deliverer that drains takes no new message: it starts once both are with the broker
                Polling.await("both instances' events with the broker", Duration.ofSeconds(30),
                        () -> broker.messageCount("regnotify.endpoint-1") == 2);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int exit = Main.run(new String[] {"--bench", "0", "--broker", broker.url(), "--role",
                        "deliver", "--endpoint", receiver.url().toString()}, new PrintStream(out, true,
                        StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8));
                assertEquals(0, exit);
                assertEquals(2, receiver.acceptedIds().size(), "what both instances produced: "
                        + out.toString(StandardCharsets.UTF_8));
            } finally {
                instances.forEach(Process::destroyForcibly);
            }
        }
    }

    private static void copyLines(Process process, StringBuffer into) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                into.append(line).append('\n');
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static int port(StringBuffer err) {
        Pattern serving = Pattern.compile("regnotify registry on http://127\\.0\\.0\\.1:(\\d+)");
        Polling.await("the server says where it serves", Duration.ofSeconds(60),
                () -> serving.matcher(err).find());
        Matcher m = serving.matcher(err);
        m.find();
        return Integer.parseInt(m.group(1));
    }
}
