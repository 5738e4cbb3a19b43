package dev.regnotify.console;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/** {@code /console/} on the JDK's HTTP server: the {@link ConsolePage}'s files. */
final class PageFiles implements HttpHandler {

    static final String PREFIX = "/console/";

    private final ConsolePage page;

    PageFiles(ConsolePage page) {
        this.page = page;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String name = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : null;
            Responses.send(exchange, page.answer(exchange.getRequestMethod(), name));
        }
    }
}
