package dev.regnotify.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.registry.Digest;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;

/** {@code --serve} in its own process: stopping it (SIGTERM, as Ctrl-C's hooks) drains the queue, then exits. */
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
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(serve.getErrorStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        err.append(line).append('\n');
                    }
                } catch (java.io.IOException e) {
                    // the process ended
                }
            });
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

    private static int port(StringBuffer err) {
        Pattern serving = Pattern.compile("regnotify registry on http://127\\.0\\.0\\.1:(\\d+)");
        Polling.await("the server says where it serves", Duration.ofSeconds(60),
                () -> serving.matcher(err).find());
        Matcher m = serving.matcher(err);
        m.find();
        return Integer.parseInt(m.group(1));
    }
}
