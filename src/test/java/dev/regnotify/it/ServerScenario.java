package dev.regnotify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;

/**
 * The library deployed in a real Jakarta EE server: the example WAR of {@code examples/war}, with the classes of
 * {@code dev.regnotify.it.app} added, in a server started as a process on 127.0.0.1. Its REST front pushes and pulls
 * through a {@code @Listened} storage; one endpoint points at a receiver this test runs. Each server is a subclass:
 * how it starts, how it deploys, how it says it is ready.
 */
abstract class ServerScenario {

    /** On every server process these tests start, so that a stale one from a killed run can be found and ended. */
    static final String MARKER = "-Dregnotify.it.server=true";
    static final String CONTEXT = "regnotify-it";
    private static final Duration READY = Duration.ofMinutes(4);

    private final HttpClient http = HttpClient.newHttpClient();
    private Receiver receiver;
    private Process server;
    private Path log;
    private int port;

    /** @return the test's own directory, emptied before each run */
    abstract Path work();

    /**
     * Starts the server with the WAR deployed, serving HTTP on 127.0.0.1:port, its output in the log.
     *
     * @return the server's process; SIGTERM must stop it gracefully, undeploying the application
     */
    abstract Process start(Path war, int port, Path log) throws IOException;

    /** @return a free port on 127.0.0.1 for the server's HTTP listener */
    int freeHttpPort() {
        return Receiver.freePort();
    }

    /** @return whether the server's log says it has finished starting, or throws if it says the deployment failed */
    abstract boolean started(String log);

    /** @return what {@code notifications} holds besides the endpoint and the drain time: none by default */
    String moreNotificationsConfig() {
        return "";
    }

    /**
     * Undeploys the application, leaving the server running, and returns once the server says it is undeployed.
     *
     * @return false where the server cannot (Payara Micro runs its applications as long as itself)
     */
    boolean undeploy() throws IOException {
        return false;
    }

    /** Deploys the application again, after {@link #undeploy()}, and returns once the server says it is deployed. */
    void redeploy() throws IOException {
    }

    /**
     * Checks the console of the example WAR, where the server has users for its roles; after the events have flowed,
     * its endpoint as it was before the check. Nothing by default.
     *
     * @param application the application's root: {@code http://127.0.0.1:<port>/<context>/}
     * @param endpoint the name of the endpoint the notifications went to
     */
    void checkConsole(URI application, String endpoint) throws IOException {
    }

    /**
     * @return whether stopping the server delivers every queued notification before it exits: so with queues of the
     *         instance's own; behind a broker, the rest stays with the broker for another instance
     */
    boolean drainsAtStop() {
        return true;
    }

    @BeforeEach
    void start() throws Exception {
        // the third notification hangs until released: the test stops the server while it is in flight
        receiver = Receiver.start().answering(n -> n == 3 ? Answer.hang() : Answer.status(200));
        // a root directory left by an earlier run holds its application, which Payara would deploy again
        deleteTree(work());
        Files.createDirectories(work());
        port = freeHttpPort();
        Path war = buildWar();
        log = work().resolve("server.log");
        server = start(war, port, log);
        try {
            Polling.await("Payara Micro serves the application", READY, this::ready);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- server log ---\n" + tail(), e);
        }
    }

    @AfterEach
    void stop() throws Exception {
        receiver.close();
        if (server != null && server.isAlive()) {
            server.descendants().forEach(ProcessHandle::destroyForcibly); // a launcher script's server process
            server.destroyForcibly();
            server.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void eventsAndNotificationsFlowInsideTheServerAndUndeployingDrains() throws Exception {
        try {
            String digest = call("POST", "blobs/it/app", "hello from the server");
            assertEquals("hello from the server", call("GET", "pull/it/app/" + digest, null));

            List<String> observed = call("GET", "observed", null).lines().toList();
            assertEquals(2, observed.size(), observed::toString);
            assertTrue(observed.get(0).startsWith("push it/app "), observed.get(0));
            assertTrue(observed.get(1).startsWith("pull it/app "), observed.get(1));

            receiver.awaitAccepted(2, Duration.ofSeconds(30));
            Receiver.Request first = receiver.requests().get(0);
            assertEquals("application/vnd.docker.distribution.events.v1+json", first.header("Content-Type"));
            JsonObject push = first.events().get(0);
            JsonObject pull = receiver.requests().get(1).events().get(0);
            assertEquals(observed.get(0).substring(observed.get(0).lastIndexOf(' ') + 1), push.getString("id"));
            assertEquals("push", push.getString("action"));
            assertEquals("pull", pull.getString("action"));
            assertEquals(digest, push.getJsonObject("target").getString("digest"));
            assertEquals("it/app", pull.getJsonObject("target").getString("repository"));
            assertEquals("http://127.0.0.1:" + port + "/v2/it/app/blobs/" + digest,
                    push.getJsonObject("target").getString("url"));
            for (JsonObject event : List.of(push, pull)) {
                JsonObject request = event.getJsonObject("request");
                assertEquals("127.0.0.1:" + port, request.getString("host"));
                assertEquals("regnotify-it/1.0", request.getString("useragent"));
                assertEquals("it-request", request.getString("id"));
            }
            assertEquals("POST", push.getJsonObject("request").getString("method"));
            assertEquals("GET", pull.getJsonObject("request").getString("method"));

            assertEquals("true", call("GET", "mbean/it-hooks", null));
            checkConsole(URI.create("http://127.0.0.1:" + port + "/" + CONTEXT + "/"), "it-hooks");
            Polling.await("asynchronous observers ran", () -> !callQuietly("async-threads").isBlank());
            for (String thread : callQuietly("async-threads").lines().toList()) {
                assertFalse(thread.startsWith("regnotify-async-"), "ran on the library's own thread: " + thread);
            }

            // a broker's queue that failed, or a defect in an endpoint's thread, would be logged with these ids
            assertFalse(logText().contains("RN-341") || logText().contains("RN-309"), "a delivery failure was "
                    + "logged");
            if (!drainsAtStop()) {
                return;
            }
            assertTrue(threadsInLibraryCode().stream().anyMatch(t -> t.contains("dev.regnotify.delivery.http.Deadlines")),
                    "the watchdog of the attempts' deadlines runs: " + threadsInLibraryCode());
            if (undeploy()) {
                // a thread still running the library's code once its application is gone keeps the application's
                // class loader, and one more is left at each redeployment (the deadlines' watchdog was one)
                try {
                    Polling.await("no thread runs the library's code after undeploying", Duration.ofSeconds(60),
                            () -> threadsInLibraryCode().isEmpty());
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + ": " + threadsInLibraryCode(), e);
                }
                redeploy();
                Polling.await("the application serves again", READY, this::ready);
            }
            for (int i = 0; i < 5; i++) {
                call("POST", "blobs/it/drain", "blob " + i);
            }
            Polling.await("the third notification is in flight", () -> receiver.attempts() >= 3);
            // SIGTERM: the server undeploys the application, whose queue drains. The receiver holds the third
            // notification, so the drain holds the shutdown: the server is still running 3 seconds later. Released,
            // the held notification and the four queued behind it arrive, and the server exits.
            server.destroy();
            assertFalse(server.waitFor(3, TimeUnit.SECONDS), "the server stopped without draining its queue");
            receiver.release();
            assertTrue(server.waitFor(120, TimeUnit.SECONDS), "the server stopped");
            assertEquals(7, receiver.acceptedIds().size(), "every queued notification was delivered: "
                    + receiver.acceptedIds());
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n--- server log ---\n" + tail(), e);
        }
    }

    /** @return the threads of the server whose stack is in the library's code, as a thread dump shows each */
    private List<String> threadsInLibraryCode() {
        ProcessHandle jvm = server.info().command().orElse("").endsWith("java") ? server.toHandle()
                : server.descendants().filter(p -> p.info().command().orElse("").endsWith("java")).findFirst()
                        .orElseThrow(() -> new AssertionError("no server JVM under " + server.pid()));
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(jvm.pid()), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS) && jcmd.exitValue() == 0, "jcmd failed: " + dump);
            // one block per thread, headed by its quoted name
            return Stream.of(dump.split("\n\\s*\n")).filter(b -> b.startsWith("\"")
                    && b.contains("at dev.regnotify.")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private boolean ready() {
        if (!server.isAlive()) {
            throw new AssertionError("Payara Micro exited with " + server.exitValue());
        }
        // the application can answer before the server has finished starting, and then briefly answer 503
        if (!started(logText())) {
            return false;
        }
        try {
            return "ready".equals(call("GET", "ready", null));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private String call(String method, String path, String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + CONTEXT
                + "/api/" + path))
                .header("User-Agent", "regnotify-it/1.0").header("X-Request-Id", "it-request")
                .header("Content-Type", "application/octet-stream")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private String callQuietly(String path) {
        try {
            return call("GET", path, null);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The WAR: the example WAR of {@code examples/war} (the library and what it needs in WEB-INF/lib, a REST front,
     * the request context, the server's threads), with the test's own resources and configuration added.
     */
    private Path buildWar() throws IOException, InterruptedException {
        Path war = work().resolve(CONTEXT + ".war");
        Path example = ExampleBuilds.war();
        Path classes = Path.of("target", "test-classes");
        String config = "{\"notifications\":{\"draintimeout\":\"60s\"" + moreNotificationsConfig()
                + ",\"endpoints\":[{\"name\":\"it-hooks\",\"url\":\"" + receiver.url() + "\",\"timeout\":\"30s\"}]}}";
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war));
                Stream<Path> exampleFiles = Files.walk(example);
                Stream<Path> testFiles = Files.list(classes.resolve("dev/regnotify/it/app"))) {
            for (Path file : exampleFiles.filter(Files::isRegularFile).toList()) {
                String name = example.relativize(file).toString().replace('\\', '/');
                if (!name.equals("WEB-INF/classes/META-INF/regnotify.json")) {
                    put(zip, name, Files.readAllBytes(file));
                }
            }
            for (Path file : testFiles.filter(f -> f.toString().endsWith(".class")).toList()) {
                put(zip, "WEB-INF/classes/" + classes.relativize(file).toString().replace('\\', '/'),
                        Files.readAllBytes(file));
            }
            put(zip, "WEB-INF/classes/META-INF/regnotify.json", config.getBytes(StandardCharsets.UTF_8));
        }
        return war;
    }

    static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private String tail() {
        List<String> lines = logText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 150), lines.size()));
    }

}
