package dev.regnotify.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1, on a free port: keeps every envelope it gets, answers 200, and, when asked,
 * prints each envelope as one line.
 */
final class EmbeddedReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "demo-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> envelopes = new ArrayList<>();
    private final PrintStream echo;
    private final boolean keep;

    /**
     * @param echo where to print each envelope as it arrives, or null
     * @param keep whether to keep the envelopes, for {@link #envelopes()}
     */
    EmbeddedReceiver(PrintStream echo, boolean keep) throws IOException {
        this.echo = echo;
        this.keep = keep;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/events", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    synchronized List<String> envelopes() {
        return List.copyOf(envelopes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            if (keep || echo != null) {
                record(new String(bytes, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private synchronized void record(String body) {
        if (keep) {
            envelopes.add(body);
        }
        if (echo != null) {
            echo.println(body);
            echo.flush();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
