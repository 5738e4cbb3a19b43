package dev.regnotify.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.demo.registry.RegistryServer;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.storage.InMemoryStorage;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.JsonDocs;
import dev.regnotify.testing.Receiver;

/** The registry API's corners that skopeo's session does not reach: errors, chunks, negotiation, paging, context. */
class RegistryApiTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private Receiver receiver;
    private DemoContainer container;
    private RegistryServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        receiver = Receiver.start();
        InMemoryStorage storage = new InMemoryStorage();
        container = new DemoContainer(storage, RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("api",
                receiver.url())));
        server = dev.regnotify.demo.registry.RegistryServer.start(0,
                container.get(dev.regnotify.registry.ManifestService.class),
                container.get(dev.regnotify.registry.BlobStore.class),
                container.get(dev.regnotify.registry.TagService.class), storage,
                container.get(dev.regnotify.cdi.NotificationMetrics.class)::prometheusText);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        container.close();
        receiver.close();
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject error = JsonDocs.parse(response.body()).getJsonArray("errors").getJsonObject(0);
        assertEquals(code, error.getString("code"), response.body());
        assertEquals("registry/2.0", response.headers().firstValue("Docker-Distribution-API-Version").orElse(""));
    }

    @Test
    void errorsComeInTheRegistryFormatWithTheirCodes() throws Exception {
        String zero = "sha256:" + "0".repeat(64);
        assertError(send("GET", "/v2/a/b/blobs/" + zero, null), 404, "BLOB_UNKNOWN");
        assertError(send("GET", "/v2/a/b/manifests/v1", null), 404, "MANIFEST_UNKNOWN");
        assertError(send("GET", "/v2/A/b/manifests/v1", null), 400, "NAME_INVALID");
        assertError(send("GET", "/v2/a/b/blobs/sha256:xyz", null), 400, "DIGEST_INVALID");
        assertError(send("PUT", "/v2/a/b/manifests/bad:tag", Images.bytes("{}")), 400, "DIGEST_INVALID");
        assertError(send("PUT", "/v2/a/b/manifests/-bad", Images.ociManifest(Images.describe(MediaTypes.OCI_CONFIG,
                Images.bytes("{}"))).payload(), "Content-Type", MediaTypes.OCI_MANIFEST), 400, "TAG_INVALID");
        assertError(send("PATCH", "/v2/a/b/blobs/uploads/00000000-0000-0000-0000-000000000000", new byte[1]), 404,
                "BLOB_UPLOAD_UNKNOWN");
        assertError(send("GET", "/v2/a/b/tags/list", null), 404, "NAME_UNKNOWN");
        byte[] manifest = Images.ociManifest(Images.describe(MediaTypes.OCI_CONFIG, Images.bytes("{}"))).payload();
        assertError(send("PUT", "/v2/a/b/manifests/v1", manifest, "Content-Type", MediaTypes.OCI_MANIFEST), 400,
                "MANIFEST_BLOB_UNKNOWN");
        assertError(send("PUT", "/v2/a/b/manifests/v1", Images.bytes("{nope"), "Content-Type",
                MediaTypes.OCI_MANIFEST), 400, "MANIFEST_INVALID");
        assertEquals(404, send("HEAD", "/v2/a/b/blobs/" + zero, null).statusCode());
    }

    @Test
    void badInputIsRefusedAsTheSpecSaysAndNeverEchoesAnException() throws Exception {
        for (String query : List.of("/v2/a/b/tags/list?n=abc", "/v2/a/b/tags/list?n=-1", "/v2/_catalog?n=0",
                "/v2/_catalog?n=abc")) {
            HttpResponse<String> refused = send("GET", query, null);
            assertError(refused, 400, "PAGINATION_NUMBER_INVALID");
            assertFalse(refused.body().contains("Exception"), refused.body());
        }
        assertError(send("PUT", "/v2/a/b/manifests/v1", new byte[(4 << 20) + 1], "Content-Type",
                MediaTypes.OCI_MANIFEST), 400, "MANIFEST_INVALID");
        assertError(send("POST", "/v2/a/b/manifests/v1", new byte[0]), 405, "UNSUPPORTED");
        String location = send("POST", "/v2/a/b/blobs/uploads/", null).headers().firstValue("Location")
                .orElseThrow();
        send("PATCH", location, Images.bytes("abc"), "Content-Range", "0-2");
        byte[] whole = Images.bytes("abcdef");
        assertError(send("PUT", location + (location.contains("?") ? "&" : "?") + "digest="
                + Digest.of(whole), Images.bytes("def"), "Content-Range", "5-7"), 416, "RANGE_INVALID");
    }

    @Test
    void metricsAreServedInThePrometheusTextFormatWithDistributionsNames() throws Exception {
        byte[] blob = Images.bytes("counted");
        assertEquals(201, send("POST", "/v2/m/a/blobs/uploads/?digest=" + Digest.of(blob), blob).statusCode());
        receiver.awaitAccepted(1, Duration.ofSeconds(20));
        dev.regnotify.testing.Polling.await("the success is counted", () -> {
            try {
                return send("GET", "/metrics", null).body().contains(
                        "registry_notifications_events_total{type=\"Successes\",endpoint=\"api\"} 1");
            } catch (Exception e) {
                return false;
            }
        });
        HttpResponse<String> scraped = send("GET", "/metrics", null);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", scraped.headers().firstValue("Content-Type")
                .orElse(""));
        java.util.Map<String, String> samples = new java.util.HashMap<>();
        java.util.Set<String> typed = new java.util.HashSet<>();
        for (String line : scraped.body().lines().toList()) {
            java.util.regex.Matcher sample = java.util.regex.Pattern.compile(
                    "^([a-z_]+)(\\{[^}]*\\})? (\\d+)$").matcher(line);
            if (line.startsWith("# TYPE ")) {
                typed.add(line.split(" ")[2]);
            } else if (!line.startsWith("# HELP ")) {
                assertTrue(sample.matches(), "a sample line: " + line);
                assertTrue(typed.contains(sample.group(1)), "typed before its samples: " + line);
                samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), sample.group(3));
            }
        }
        assertEquals("1", samples.get("registry_notifications_events_total{type=\"Events\",endpoint=\"api\"}"));
        assertEquals("0", samples.get("registry_notifications_pending_total{endpoint=\"api\"}"));
        assertEquals("1", samples.get("registry_notifications_status_total{code=\"200 OK\",endpoint=\"api\"}"));
        assertEquals("0", samples.get("registry_notifications_dropped_total{endpoint=\"api\"}"));
    }

    @Test
    void blobsAreServedByRangeAndManifestsToWildcardAccepts() throws Exception {
        byte[] blob = Images.bytes("0123456789");
        assertEquals(201, send("POST", "/v2/r/a/blobs/uploads/?digest=" + Digest.of(blob), blob).statusCode());
        String path = "/v2/r/a/blobs/" + Digest.of(blob);
        HttpResponse<String> part = send("GET", path, null, "Range", "bytes=2-5");
        assertEquals(206, part.statusCode());
        assertEquals("2345", part.body());
        assertEquals("bytes 2-5/10", part.headers().firstValue("Content-Range").orElse(""));
        assertEquals("789", send("GET", path, null, "Range", "bytes=-3").body());
        assertEquals("89", send("GET", path, null, "Range", "bytes=8-").body());
        assertError(send("GET", path, null, "Range", "bytes=10-12"), 416, "RANGE_INVALID");
        assertEquals("0123456789", send("GET", path, null).body());

        byte[] config = Images.bytes("{}");
        send("POST", "/v2/r/a/blobs/uploads/?digest=" + Digest.of(config), config);
        Manifest manifest = Images.ociManifest(Images.describe(MediaTypes.OCI_CONFIG, config));
        send("PUT", "/v2/r/a/manifests/v1", manifest.payload(), "Content-Type", MediaTypes.OCI_MANIFEST);
        for (String accept : List.of("application/*", "*/*", MediaTypes.OCI_MANIFEST)) {
            HttpResponse<String> got = send("GET", "/v2/r/a/manifests/v1", null, "Accept", accept);
            assertEquals(200, got.statusCode(), accept);
            assertEquals(manifest.digest().toString(), got.headers().firstValue("Docker-Content-Digest").orElse(""));
        }
        assertError(send("GET", "/v2/r/a/manifests/v1", null, "Accept", "text/*"), 404, "MANIFEST_UNKNOWN");

        String upload = send("POST", "/v2/r/a/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
        HttpResponse<String> progress = send("GET", upload, null);
        assertEquals(204, progress.statusCode());
        assertTrue(progress.headers().firstValue("Content-Length").isEmpty(), "a 204 says nothing of a body");
    }

    @Test
    void repositoriesNamedLikeTheApiAreRoutedByTheEndOfThePath() throws Exception {
        byte[] config = Images.bytes("{\"architecture\":\"amd64\"}");
        for (String repository : List.of("a/blobs/b", "a/manifests/b", "tags/list/x")) {
            HttpResponse<String> pushed = send("POST", "/v2/" + repository + "/blobs/uploads/?digest="
                    + Digest.of(config), config);
            assertEquals(201, pushed.statusCode(), repository + ": " + pushed.body());
            assertEquals(200, send("HEAD", "/v2/" + repository + "/blobs/" + Digest.of(config), null).statusCode());
            Manifest manifest = Images.ociManifest(Images.describe(MediaTypes.OCI_CONFIG, config));
            assertEquals(201, send("PUT", "/v2/" + repository + "/manifests/v1", manifest.payload(), "Content-Type",
                    MediaTypes.OCI_MANIFEST).statusCode(), repository);
            assertEquals("{\"name\":\"" + repository + "\",\"tags\":[\"v1\"]}",
                    send("GET", "/v2/" + repository + "/tags/list", null).body());
        }
    }

    @Test
    void chunkedUploadWithRangesThenMonolithicAndMountAndHead() throws Exception {
        byte[] content = Images.bytes("0123456789");
        String digest = Digest.of(content).toString();
        HttpResponse<String> started = send("POST", "/v2/a/b/blobs/uploads/", null);
        assertEquals(202, started.statusCode());
        String location = started.headers().firstValue("Location").orElseThrow();
        assertEquals("0-0", started.headers().firstValue("Range").orElseThrow());
        HttpResponse<String> chunk = send("PATCH", location, java.util.Arrays.copyOf(content, 2), "Content-Range",
                "0-1");
        assertEquals(202, chunk.statusCode());
        assertEquals("0-1", chunk.headers().firstValue("Range").orElseThrow());
        // a chunk of unknown length: the JDK client sends it with Transfer-Encoding: chunked
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(base + location))
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        java.util.Arrays.copyOfRange(content, 2, 4)))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, chunked.statusCode(), chunked.body());
        assertEquals("0-3", chunked.headers().firstValue("Range").orElseThrow());
        assertError(send("PATCH", location, new byte[] {1}, "Content-Range", "0-0"), 416, "RANGE_INVALID");
        assertEquals(204, send("GET", location, null).statusCode());
        assertError(send("PUT", location + "?digest=sha256:" + "1".repeat(64), java.util.Arrays.copyOfRange(
                content, 4, 10)), 400, "DIGEST_INVALID");
        HttpResponse<String> committed = send("PUT", location + "?digest=" + digest, null);
        assertEquals(201, committed.statusCode(), committed.body());
        assertEquals(digest, committed.headers().firstValue("Docker-Content-Digest").orElseThrow());

        HttpResponse<String> head = send("HEAD", "/v2/a/b/blobs/" + digest, null);
        assertEquals(200, head.statusCode());
        assertEquals("10", head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("0123456789", send("GET", "/v2/a/b/blobs/" + digest, null).body());

        byte[] other = Images.bytes("monolithic");
        assertEquals(201, send("POST", "/v2/c/d/blobs/uploads/?digest=" + Digest.of(other), other).statusCode());
        HttpResponse<String> mounted = send("POST", "/v2/e/f/blobs/uploads/?mount=" + digest + "&from=a/b", null);
        assertEquals(201, mounted.statusCode());
        HttpResponse<String> notMountable = send("POST", "/v2/e/f/blobs/uploads/?mount=" + Digest.of(other)
                + "&from=a/b", null);
        assertEquals(202, notMountable.statusCode(), "an unknown mount starts an ordinary upload");

        receiver.awaitAccepted(4, Duration.ofSeconds(10));
        List<String> actions = receiver.acceptedEvents().stream().map(e -> e.getString("action")).toList();
        assertEquals(List.of("push", "pull", "push", "mount"), actions, "a HEAD notifies no pull");
    }

    @Test
    void manifestsNegotiateSeveralAcceptHeadersAndPageTags() throws Exception {
        InMemoryStorage plain = new InMemoryStorage();
        Descriptor config = plain.blobs().put(dev.regnotify.registry.RepositoryName.of("x/y"), MediaTypes.OCI_CONFIG,
                Images.bytes("{}"));
        byte[] manifest = Images.ociManifest(config).payload();
        assertEquals(201, send("POST", "/v2/x/y/blobs/uploads/?digest=" + config.digest(), Images.bytes("{}"))
                .statusCode());
        for (String tag : List.of("a", "b", "c")) {
            assertEquals(201, send("PUT", "/v2/x/y/manifests/" + tag, manifest, "Content-Type",
                    MediaTypes.OCI_MANIFEST).statusCode());
        }
        assertError(send("GET", "/v2/x/y/manifests/a", null, "Accept", MediaTypes.DOCKER_MANIFEST), 404,
                "MANIFEST_UNKNOWN");
        HttpResponse<String> accepted = send("GET", "/v2/x/y/manifests/a", null, "Accept", MediaTypes.DOCKER_MANIFEST,
                "Accept", MediaTypes.OCI_INDEX + ", " + MediaTypes.OCI_MANIFEST);
        assertEquals(200, accepted.statusCode());
        assertEquals(MediaTypes.OCI_MANIFEST, accepted.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> head = send("HEAD", "/v2/x/y/manifests/" + Digest.of(manifest), null);
        assertEquals(Integer.toString(manifest.length), head.headers().firstValue("Content-Length").orElseThrow());

        HttpResponse<String> page = send("GET", "/v2/x/y/tags/list?n=2", null);
        assertEquals("{\"name\":\"x/y\",\"tags\":[\"a\",\"b\"]}", page.body());
        assertTrue(page.headers().firstValue("Link").orElseThrow().contains("last=b&n=2"));
        assertEquals("{\"name\":\"x/y\",\"tags\":[\"c\"]}", send("GET", "/v2/x/y/tags/list?n=2&last=b", null).body());
        assertEquals("{\"repositories\":[\"x/y\"]}", send("GET", "/v2/_catalog", null).body());
        assertEquals(202, send("DELETE", "/v2/x/y/manifests/c", null).statusCode(), "deleting by tag untags");
        assertEquals("{\"name\":\"x/y\",\"tags\":[\"a\",\"b\"]}", send("GET", "/v2/x/y/tags/list", null).body());
    }

    @Test
    void requestsCarryForwardedAddressesUserAgentAndBasicAuthUser() throws Exception {
        byte[] content = Images.bytes("context");
        send("POST", "/v2/ctx/app/blobs/uploads/?digest=" + Digest.of(content), content, "X-Forwarded-For",
                "not-an-ip, 10.1.2.3, 10.9.9.9", "User-Agent", "tester/2.0", "Authorization", "Basic "
                        + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8)));
        send("GET", "/v2/ctx/app/blobs/" + Digest.of(content), null, "X-Real-Ip", "10.7.7.7");
        receiver.awaitAccepted(2, Duration.ofSeconds(10));
        JsonObject push = receiver.acceptedEvents().get(0);
        assertEquals("10.1.2.3", push.getJsonObject("request").getString("addr"));
        assertEquals("tester/2.0", push.getJsonObject("request").getString("useragent"));
        assertEquals("POST", push.getJsonObject("request").getString("method"));
        assertEquals("127.0.0.1:" + server.port(), push.getJsonObject("request").getString("host"));
        assertEquals("alice", push.getJsonObject("actor").getString("name"));
        assertEquals("10.7.7.7", receiver.acceptedEvents().get(1).getJsonObject("request").getString("addr"));
    }

    @Test
    void aTlsHandshakeIsRefusedAtOnceAndTheServerGoesOn() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00});
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.0 400 Bad Request"), answer);
        }
        assertEquals(200, send("GET", "/v2/", null).statusCode());
    }
}
