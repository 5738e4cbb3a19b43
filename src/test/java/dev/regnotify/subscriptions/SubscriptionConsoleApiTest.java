package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.config.ConsoleConfig;
import dev.regnotify.console.Console;
import dev.regnotify.console.ConsoleAccess;
import dev.regnotify.console.EndpointConsoleSource;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Receiver;
import dev.regnotify.webhooks.WebhookVerifier;

/**
 * {@code /console/api/subscriptions} on a real JDK server on 127.0.0.1: an operator creates (201, the secret shown
 * once), lists by owner, reads (secret redacted), replaces, rotates and deletes; a viewer only reads; a refusal
 * answers with its code and the field at fault.
 */
class SubscriptionConsoleApiTest {

    private static final String OPERATOR = "operator-token-0123456789";
    private static final String VIEWER = "viewer-token-0123456789ab";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Receiver hooks = Receiver.start();
    private final SubscriptionFixture fixture = SubscriptionFixture.inMemory(new RecordingStore());
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;
    private ExecutorService executor;

    @BeforeEach
    void mount() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        ConsoleConfig tokens = ConsoleConfig.operator(OPERATOR).with(new ConsoleConfig.Token(VIEWER,
                ConsoleConfig.Role.VIEWER));
        Console.mount(server, new EndpointConsoleSource(fixture.assembly::endpoints), ConsoleAccess.of(tokens),
                fixture.subscriptions);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
        fixture.close();
        hooks.close();
    }

    @Test
    void anOperatorCreatesListsReadsReplacesRotatesAndDeletes() throws Exception {
        HttpResponse<String> created = send("POST", "subscriptions", OPERATOR, SubscriptionFixture.json("ci",
                "team-a", hooks.url(), "\"format\":\"v2\""));
        assertEquals(201, created.statusCode(), created.body());
        String secret = json(created).getString("secret");
        assertTrue(secret.startsWith("whsec_"), created.body());
        send("POST", "subscriptions", OPERATOR, SubscriptionFixture.json("other", "team-b", hooks.url(), ""));
        HttpResponse<String> endpoint = send("GET", "endpoints/ci", VIEWER, null);
        assertEquals(200, endpoint.statusCode(), "a subscription's endpoint is the console's too: " + endpoint.body());

        HttpResponse<String> listed = send("GET", "subscriptions?owner=team-a", VIEWER, null);
        assertEquals(List.of("ci"), json(listed).getJsonArray("subscriptions").stream()
                .map(s -> s.asJsonObject().getString("name")).toList());
        HttpResponse<String> read = send("GET", "subscriptions/ci", VIEWER, null);
        assertEquals("<redacted>", json(read).getString("secret"));
        assertEquals("v2", json(read).getString("format"));
        assertFalse(read.body().contains(secret.substring(6)), read.body());

        HttpResponse<String> replaced = send("PUT", "subscriptions/ci", OPERATOR, "{\"owner\":\"team-c\",\"url\":\""
                + hooks.url() + "\"}");
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertEquals("team-c", json(send("GET", "subscriptions/ci", VIEWER, null)).getString("owner"));

        HttpResponse<String> rotated = send("POST", "subscriptions/ci/rotate?overlap=30m", OPERATOR, null);
        assertEquals(200, rotated.statusCode(), rotated.body());
        String next = json(rotated).getString("secret");
        fixture.write(Notifications.numbered(1));
        // the same event, once for "ci" and once for "other"
        dev.regnotify.testing.Polling.await("two requests", WAIT, () -> hooks.requests().size() >= 2);
        for (String key : List.of(secret, next)) {
            Receiver.Request request = hooks.requests().stream().filter(r -> r.header("webhook-signature")
                    .contains(" ")).findFirst().orElseThrow();
            new WebhookVerifier(List.of(key), Duration.ofMinutes(5)).verify(request.header("webhook-id"),
                    request.header("webhook-timestamp"), request.header("webhook-signature"), request.body());
        }

        assertEquals(200, send("DELETE", "subscriptions/ci", OPERATOR, null).statusCode());
        assertEquals(404, send("GET", "subscriptions/ci", VIEWER, null).statusCode());
        assertEquals(List.of("other"), fixture.subscriptions.list(null).stream().map(Subscription::name).toList());
    }

    @Test
    void aViewerChangesNothingAndRefusalsNameTheField() throws Exception {
        HttpResponse<String> viewer = send("POST", "subscriptions", VIEWER, SubscriptionFixture.json("ci", "team-a",
                hooks.url(), ""));
        assertEquals(403, viewer.statusCode(), viewer.body());
        HttpResponse<String> fragment = send("POST", "subscriptions", OPERATOR, SubscriptionFixture.json("ci",
                "team-a", URI.create(hooks.url() + "#x"), ""));
        assertEquals(400, fragment.statusCode(), fragment.body());
        assertEquals("invalid-subscription", json(fragment).getString("code"));
        assertEquals("url", json(fragment).getString("field"));
        assertTrue(json(fragment).getString("message").contains("fragment"), fragment.body());
        HttpResponse<String> unknown = send("PUT", "subscriptions/nobody", OPERATOR, SubscriptionFixture.json(
                "nobody", "team-a", hooks.url(), ""));
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals("unknown-subscription", json(unknown).getString("code"));
        HttpResponse<String> overlap = send("POST", "subscriptions/nobody/rotate?overlap=soon", OPERATOR, null);
        assertEquals("overlap", json(overlap).getString("field"), overlap.body());
        assertEquals(List.of(), fixture.subscriptions.list(null));
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/console/api/" + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }
}
