package dev.regnotify.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's page without an HTTP server: its three files, from the jar, and nothing else. Served with a content
 * security policy that lets the page run only its own script and reach only its own origin, so that even a piece of
 * markup that got into the page by mistake could neither run a script nor load an image. The page asks for its data
 * itself, with the caller's credentials: the files are no secret and need none. The page finds the API at
 * {@code api/} beside itself, so it works wherever the server puts the console's root. Thread-safe.
 *
 * @since 0.4
 */
public final class ConsolePage {

    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "", "text/html; charset=utf-8",
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> contents;

    private ConsolePage(Map<String, byte[]> contents) {
        this.contents = contents;
    }

    /**
     * @return the page, its files read from the jar
     * @throws IllegalStateException if a file is missing from the jar
     */
    public static ConsolePage load() {
        return new ConsolePage(Map.of("index.html", read("index.html"), "console.js", read("console.js"),
                "console.css", read("console.css")));
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsolePage.class.getResourceAsStream("page/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the console's page/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's page/" + name, e);
        }
    }

    /**
     * @param method the HTTP method
     * @param name the path below the console's root ({@code ""} or {@code index.html} for the page,
     *        {@code console.js}, {@code console.css}), or null for a path outside it
     * @return the file, or a JSON error: {@code 404 not-found} for another name, {@code 405} for a method other than
     *         {@code GET} and {@code HEAD}
     */
    public ConsoleAnswer answer(String method, String name) {
        if (name == null || !TYPES.containsKey(name)) {
            return ConsoleAnswer.json(404, Views.error("not-found", "the console's page is at /console/"));
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return ConsoleAnswer.json(405, Views.error("method-not-allowed", "the page's files take GET"))
                    .with("Allow", "GET, HEAD");
        }
        return ConsoleAnswer.of(200, TYPES.get(name), contents.get(name.isEmpty() ? "index.html" : name))
                .with("Content-Security-Policy", POLICY);
    }
}
