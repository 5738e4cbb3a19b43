package dev.regnotify.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.ConsoleConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.demo.registry.RegistryServer;
import dev.regnotify.registry.Digest;
import dev.regnotify.storage.FilesystemStorage;
import dev.regnotify.testing.JsonDocs;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;

/** {@code --serve PORT --console-token TOKEN}: the console beside the registry API, over the container's endpoints. */
class ServeConsoleTest {

    private static final String TOKEN = "demo-console-token-0123";

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the first endpoint, as the console shows it to the operator */
    private JsonObject served(String base) {
        try {
            HttpResponse<String> endpoints = send(HttpRequest.newBuilder(URI.create(base
                    + "/console/api/endpoints")).header("Authorization", "Bearer " + TOKEN));
            assertEquals(200, endpoints.statusCode(), endpoints.body());
            return JsonDocs.parse(endpoints.body()).getJsonArray("endpoints").getJsonObject(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (Exception e) {
            throw new AssertionError("the console did not answer", e);
        }
    }

    @Test
    void theConsoleServedBesideTheRegistryShowsWhatItsPushesNotified() throws Exception {
        DemoOptions options = DemoOptions.parse("--serve", "0", "--console-token", TOKEN);
        try (Receiver receiver = Receiver.start()) {
            RegnotifyConfig config = RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("served",
                    receiver.url())).withConsole(ConsoleConfig.operator(options.consoleToken()));
            FilesystemStorage storage = new FilesystemStorage(dir);
            try (DemoContainer container = new DemoContainer(storage, config);
                    RegistryServer server = ServeRun.start(container, storage, 0)) {
                ServeRun.console(container, server, config);
                String base = "http://127.0.0.1:" + server.port();
                byte[] content = "served".getBytes(StandardCharsets.UTF_8);
                assertEquals(201, send(HttpRequest.newBuilder(URI.create(base + "/v2/serve/app/blobs/uploads/?digest="
                        + Digest.of(content))).POST(HttpRequest.BodyPublishers.ofByteArray(content))).statusCode());
                receiver.awaitAccepted(1, Duration.ofSeconds(20));
                // the receiver has the event before the endpoint has read its answer and counted the success
                Polling.await("the endpoint counts its success", () -> served(base).getJsonObject("counters")
                        .getInt("successes") == 1);

                assertEquals("served", served(base).getString("name"));
                assertEquals(401, send(HttpRequest.newBuilder(URI.create(base + "/console/api/endpoints")))
                        .statusCode());
                assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/console/"))).statusCode());
                assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/v2/"))).statusCode(),
                        "the registry API is still there");
            }
        }
    }

    @Test
    void aShortConsoleTokenIsABadArgumentThatDoesNotQuoteIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DemoOptions.parse("--serve", "0", "--console-token", "tiny-secret"));
        assertTrue(e.getMessage().startsWith("--console-token"), e.getMessage());
        assertFalse(e.getMessage().contains("tiny-secret"), e.getMessage());
    }
}
