package dev.regnotify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import jakarta.json.JsonObject;

import dev.regnotify.testing.JsonDocs;

/**
 * The console of the example WAR in a server, behind the server's own security: a viewer and an operator, whose
 * passwords are drawn for the run and never printed, signing in with BASIC. The same paths and the same JSON as on
 * the JDK's server; the 401 is the server's challenge.
 */
final class ConsoleInServer {

    private static final String VIEWER = "it-viewer";
    private static final String OPERATOR = "it-operator";
    private static final String ANONYMOUS = null;

    private final String viewerPassword = password();
    private final String operatorPassword = password();
    private final HttpClient http = HttpClient.newHttpClient();

    private static String password() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Adds the two users to WildFly's {@code ApplicationRealm} as its {@code add-user.sh} writes them: the hex MD5 of
     * {@code user:ApplicationRealm:password}, and the user's groups, which are its roles.
     */
    void addWildFlyUsers(Path configuration) throws IOException {
        Files.writeString(configuration.resolve("application-users.properties"), "\n"
                + VIEWER + "=" + realmDigest(VIEWER, viewerPassword) + "\n"
                + OPERATOR + "=" + realmDigest(OPERATOR, operatorPassword) + "\n", StandardOpenOption.APPEND);
        Files.writeString(configuration.resolve("application-roles.properties"), "\n"
                + VIEWER + "=regnotify-viewer\n" + OPERATOR + "=regnotify-operator\n", StandardOpenOption.APPEND);
    }

    private static String realmDigest(String user, String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest((user + ":ApplicationRealm:"
                    + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /** A viewer reads, an operator steers, nobody else gets in; the endpoint is left enabled. */
    void check(URI application, String endpoint) throws IOException {
        URI console = application.resolve("console/");
        String path = "api/endpoints/" + endpoint;

        HttpResponse<String> anonymous = send("GET", console.resolve("api/endpoints"), ANONYMOUS);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                anonymous.headers().map().toString());
        assertEquals(401, send("GET", console, ANONYMOUS).statusCode());
        assertEquals(401, send("POST", console.resolve(path + "/disable"), ANONYMOUS).statusCode());

        // behind a broker the list holds the forwarder (<endpoint>@broker) beside the endpoint: look for it by name
        List<JsonObject> listed = json(send("GET", console.resolve("api/endpoints"), VIEWER), 200)
                .getJsonArray("endpoints").getValuesAs(JsonObject.class);
        JsonObject shown = listed.stream().filter(e -> endpoint.equals(e.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no endpoint " + endpoint + " in " + listed));
        assertTrue(shown.getString("url").startsWith("http://127.0.0.1:"), shown.toString());
        assertTrue(shown.containsKey("counters") && shown.containsKey("state"), shown.toString());
        assertEquals("viewer", json(send("GET", console.resolve("api/session"), VIEWER), 200).getString("role"));
        assertError(send("GET", console.resolve("api/endpoints/no-such-endpoint"), VIEWER), 404, "unknown-endpoint");
        assertError(send("POST", console.resolve(path + "/disable"), VIEWER), 403, "forbidden");
        assertError(send("DELETE", console.resolve(path + "/dead-letters"), VIEWER), 403, "forbidden");
        String state = json(send("GET", console.resolve(path), VIEWER), 200).getString("state");
        assertTrue(List.of("delivering", "idle", "backing-off").contains(state), "the viewer's POST changed nothing: "
                + state);

        assertEquals("operator", json(send("GET", console.resolve("api/session"), OPERATOR), 200).getString("role"));
        HttpResponse<String> put = send("PUT", console.resolve("api/endpoints"), OPERATOR);
        assertError(put, 405, "method-not-allowed");
        assertEquals("GET", put.headers().firstValue("Allow").orElse(""));
        assertError(send("GET", console.resolve("api/no/such/path"), OPERATOR), 404, "not-found");
        assertError(send("POST", console.resolve(path + "/disable"), OPERATOR, "Origin", "http://elsewhere.example",
                "Sec-Fetch-Site", "cross-site"), 403, "cross-origin");
        assertTrue(json(send("POST", console.resolve(path + "/disable"), OPERATOR), 200).getBoolean("disabled"));
        assertEquals("disabled", json(send("GET", console.resolve(path), VIEWER), 200).getString("state"));
        assertTrue(json(send("POST", console.resolve(path + "/enable"), OPERATOR), 200).getBoolean("enabled"));
        assertEquals(0, json(send("POST", console.resolve(path + "/dead-letters/replay"), OPERATOR), 200)
                .getInt("replayed"));

        HttpResponse<String> page = send("GET", console, VIEWER);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertTrue(page.body().contains("<title>regnotify console</title>"), page.body());
        HttpResponse<String> script = send("GET", console.resolve("console.js"), VIEWER);
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("const API = 'api/'"), "the page finds the API beside itself");
    }

    private static JsonObject json(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().map().toString());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        return JsonDocs.parse(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        JsonObject error = json(response, status);
        assertEquals(code, error.getString("code"), response.body());
        assertFalse(error.getString("message").isBlank());
    }

    /** @return the answer to a request as the user (BASIC), or as nobody; with the given headers */
    private HttpResponse<String> send(String method, URI uri, String user, String... headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            String password = user.equals(VIEWER) ? viewerPassword : operatorPassword;
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
