package dev.regnotify.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.function.UnaryOperator;

import jakarta.json.JsonObject;

import com.sun.net.httpserver.HttpServer;

import dev.regnotify.assembly.DeliveryAssembly;
import dev.regnotify.config.ConsoleConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.JsonDocs;
import dev.regnotify.testing.Receiver;

/**
 * The console over real endpoints: started by the library's assembly from a configuration, delivering to receivers
 * on 127.0.0.1, and mounted on a JDK HTTP server on 127.0.0.1, with an operator's and a viewer's token.
 */
final class ConsoleFixture implements AutoCloseable {

    static final String OPERATOR = "operator-token-0123456789";
    static final String VIEWER = "viewer-token-0123456789ab";
    /** Two quick attempts, then a dead letter. */
    static final RetryConfig TWO_ATTEMPTS = RetryConfig.exponential(Duration.ofMillis(5), Duration.ofMillis(20))
            .withBounds(2, Duration.ZERO);

    private final Closer closer = new Closer();
    /** Kept first, so closed last: the receivers outlive the endpoints and the console, whenever they started. */
    private final Closer receivers = closer.keep(new Closer());
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DeliveryAssembly assembly;
    private HttpServer server;

    /** Starts the endpoints and the console over them. */
    ConsoleFixture start(List<EndpointConfig> endpoints) {
        return start(endpoints, source -> source);
    }

    /** Starts the endpoints and the console over the source the given function makes of theirs. */
    ConsoleFixture start(List<EndpointConfig> endpoints,
            UnaryOperator<ConsoleSource> decorate) {
        return start(RegnotifyConfig.DEFAULT.withEndpoints(endpoints), decorate);
    }

    /** Starts the endpoints of a whole configuration (a journal, say) and the console over them. */
    ConsoleFixture start(RegnotifyConfig config, UnaryOperator<ConsoleSource> decorate) {
        assembly = DeliveryAssembly.start(config, "the console's test", Executors.defaultThreadFactory(),
                event -> { }, broker -> {
                    throw new IllegalStateException("no broker here");
                }, refused -> { });
        closer.keep(() -> assembly.close(Duration.ZERO));
        ConsoleSource source = decorate.apply(new EndpointConsoleSource(assembly.endpoints()));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        ConsoleConfig tokens = ConsoleConfig.operator(OPERATOR)
                .with(new ConsoleConfig.Token(VIEWER, ConsoleConfig.Role.VIEWER));
        Console.mount(server, source, ConsoleAccess.of(tokens));
        server.start();
        closer.keep(() -> {
            server.stop(0);
            executor.shutdownNow();
        });
        return this;
    }

    Receiver receiver() {
        return receivers.keep(Receiver.start());
    }

    Endpoint endpoint(String name) {
        return assembly.endpoints().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    /** Hands an event to every endpoint, through the journal if the configuration has one. */
    void write(dev.regnotify.events.RegistryEvent event) {
        assembly.broadcaster().write(event);
    }

    /** @return the console's address: {@code http://127.0.0.1:<port>} */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the answer to a request, with the token as a bearer token (none if null) */
    HttpResponse<String> call(String method, String path, String token) {
        return call(method, path, token, HttpRequest.BodyPublishers.noBody());
    }

    HttpResponse<String> call(String method, String path, String token, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(10)).method(method, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return the answer's JSON, once its status and its JSON and no-store headers are checked */
    static JsonObject json(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        return JsonDocs.parse(response.body());
    }

    /** Checks that the answer is a JSON error with that status and code, and a message. */
    static void assertError(HttpResponse<String> response, int status, String code) {
        JsonObject error = json(response, status);
        assertEquals(code, error.getString("code"), response.body());
        assertFalse(error.getString("message").isBlank());
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}
