package dev.regnotify.console;

import java.io.IOException;
import java.io.OutputStream;

import com.sun.net.httpserver.HttpExchange;

/** Sends a {@link ConsoleAnswer} on the JDK's HTTP server: its headers, and its body unless the request is a HEAD. */
final class Responses {

    private Responses() {
    }

    static void send(HttpExchange exchange, ConsoleAnswer answer) throws IOException {
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        byte[] body = answer.body();
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(answer.status(), head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
