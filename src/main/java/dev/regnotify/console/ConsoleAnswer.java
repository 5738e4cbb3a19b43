package dev.regnotify.console;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the console answers a request with, for the HTTP server in front of it to send as it is: the status, every
 * header (the content type and the headers every answer carries among them), and the body. A {@code HEAD} request's
 * answer has the body its {@code GET} would have: the server leaves it out.
 *
 * @param status the HTTP status
 * @param headers the headers, by name, in the order to send them
 * @param body the body: JSON, or one of the page's files
 * @since 0.4
 */
public record ConsoleAnswer(int status, Map<String, String> headers, byte[] body) {

    /** The JSON of every API answer. */
    static final String JSON = "application/json; charset=utf-8";

    /** Copies the headers and the body, so that the answer cannot change once made. */
    public ConsoleAnswer {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        body = body.clone();
    }

    /** @return a copy of the body */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body as UTF-8 text */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ConsoleAnswer[" + status + ", " + headers.get("Content-Type") + ", " + body.length + " bytes]";
    }

    /** @return an answer with the headers every answer carries, and the given type and body */
    static ConsoleAnswer of(int status, String type, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", type);
        // answers hold an operator's view: never kept by a cache, never sniffed into another type, never framed
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        return new ConsoleAnswer(status, headers, body);
    }

    static ConsoleAnswer json(int status, Object body) {
        return of(status, JSON, JsonWriter.write(body).getBytes(StandardCharsets.UTF_8));
    }

    static ConsoleAnswer error(ConsoleException error) {
        Map<String, Object> body = Views.error(error.code(), error.getMessage());
        if (error.field() != null) {
            body.put("field", error.field());
        }
        return json(error.status(), body);
    }

    /** @return this answer with one more header */
    ConsoleAnswer with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ConsoleAnswer(status, more, body);
    }
}
