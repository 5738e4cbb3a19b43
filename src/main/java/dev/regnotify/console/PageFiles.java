package dev.regnotify.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code /console/}: the page's three files, from the jar, and nothing else. Served with a content security policy
 * that lets the page run only its own script and reach only its own origin, so that even a piece of markup that got
 * into the page by mistake could neither run a script nor load an image. The page asks for its data with the token
 * itself: the files are no secret and need none.
 */
final class PageFiles implements HttpHandler {

    static final String PREFIX = "/console/";
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> FILES = Map.of(
            "", "text/html; charset=utf-8",
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> contents;

    PageFiles() {
        this.contents = Map.of("index.html", read("index.html"), "console.js", read("console.js"),
                "console.css", read("console.css"));
    }

    private static byte[] read(String name) {
        try (InputStream in = PageFiles.class.getResourceAsStream("page/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the console's page/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's page/" + name, e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String name = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : null;
            String method = exchange.getRequestMethod();
            if (name == null || !FILES.containsKey(name)) {
                Responses.json(exchange, 404, Views.error("not-found", "the console's page is at " + PREFIX));
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Responses.json(exchange, 405, Views.error("method-not-allowed", "the page's files take GET"));
            } else {
                exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
                Responses.send(exchange, 200, FILES.get(name), contents.get(name.isEmpty() ? "index.html" : name));
            }
        }
    }
}
