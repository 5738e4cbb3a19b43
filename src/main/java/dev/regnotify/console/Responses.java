package dev.regnotify.console;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/** Writes the console's answers with the headers every one of them carries. */
final class Responses {

    private Responses() {
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8",
                JsonWriter.write(body).getBytes(StandardCharsets.UTF_8));
    }

    static void error(HttpExchange exchange, ConsoleException error) throws IOException {
        Map<String, Object> body = Views.error(error.code(), error.getMessage());
        if (error.field() != null) {
            body.put("field", error.field());
        }
        json(exchange, error.status(), body);
    }

    static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        // answers hold an operator's view: never kept by a cache, never sniffed into another type, never framed
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
