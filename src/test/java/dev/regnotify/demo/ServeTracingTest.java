package dev.regnotify.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.demo.registry.RegistryServer;
import dev.regnotify.events.TraceContext;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.storage.FilesystemStorage;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.Receiver;

/**
 * The contract of {@code --serve}: a registry request's {@code traceparent} (and {@code tracestate}) comes back at the
 * receiver, in the headers of the webhook of that operation, in the same trace; a request without one, or with an
 * invalid one, sends none and succeeds all the same. All over 127.0.0.1.
 */
class ServeTracingTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();
    private Receiver receiver;
    private DemoContainer container;
    private RegistryServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        receiver = Receiver.start();
        FilesystemStorage storage = new FilesystemStorage(dir);
        container = new DemoContainer(storage, RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("traced",
                receiver.url())));
        server = ServeRun.start(container, storage, 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        container.close();
        receiver.close();
    }

    private int send(String method, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String traceIdOf(Receiver.Request request) {
        return TraceContext.parse(request.header("traceparent"), null).traceId();
    }

    @Test
    void aPushsTraceparentComesBackAtTheReceiverInTheSameTrace() throws Exception {
        byte[] blob = Images.bytes("{}");
        assertEquals(201, send("POST", "/v2/trace/app/blobs/uploads/?digest=" + Digest.of(blob), blob,
                "traceparent", TRACEPARENT, "tracestate", "congo=t61rcWkgMzE"));
        receiver.awaitAccepted(1, Duration.ofSeconds(20));
        Receiver.Request webhook = receiver.requests().get(0);
        assertEquals(TRACE_ID, traceIdOf(webhook));
        // the API without an SDK makes no span of the attempt: what was sent comes back as it was
        assertEquals(TRACEPARENT, webhook.header("traceparent"));
        assertEquals("congo=t61rcWkgMzE", webhook.header("tracestate"));
    }

    @Test
    void eachOperationCarriesItsOwnRequestsTraceAndNoneWithoutOne() throws Exception {
        byte[] config = Images.bytes("{}");
        assertEquals(201, send("POST", "/v2/trace/app/blobs/uploads/?digest=" + Digest.of(config), config));
        Descriptor described = Images.describe(MediaTypes.OCI_CONFIG, config);
        byte[] manifest = Images.ociManifest(described).payload();
        String other = "00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-00";
        assertEquals(201, send("PUT", "/v2/trace/app/manifests/v1", manifest, "Content-Type",
                MediaTypes.OCI_MANIFEST, "traceparent", other));
        assertEquals(201, send("PUT", "/v2/trace/app/manifests/v2", manifest, "Content-Type",
                MediaTypes.OCI_MANIFEST, "traceparent", "00-not-a-trace-context"));
        receiver.awaitAccepted(3, Duration.ofSeconds(20));
        List<Receiver.Request> webhooks = receiver.requests();
        assertNull(webhooks.get(0).header("traceparent"), "a request without one sends none");
        assertEquals("1".repeat(32), traceIdOf(webhooks.get(1)));
        assertEquals("v1", webhooks.get(1).events().get(0).getJsonObject("target").getString("tag"));
        assertNull(webhooks.get(2).header("traceparent"), "an invalid one is ignored, and the push succeeded");
    }
}
