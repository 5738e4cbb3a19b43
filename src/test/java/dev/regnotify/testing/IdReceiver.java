package dev.regnotify.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A receiver for large runs: it keeps nothing of a request but hands each event {@code id} of the envelopes it
 * accepts, in order, to a consumer (synchronized: one request at a time), and refuses a share of the requests at
 * random with 500.
 */
public final class IdReceiver implements AutoCloseable {

    private static final String ID = "{\"id\":\"";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final double refusedShare;
    private final Consumer<String> ids;

    private IdReceiver(int port, double refusedShare, Consumer<String> ids) throws IOException {
        this.refusedShare = refusedShare;
        this.ids = ids;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * @param port the port, or 0 for a free one
     * @param refusedShare the share of requests refused with 500, from 0 to 1
     * @param ids told each accepted event's id, in order
     */
    public static IdReceiver start(int port, double refusedShare, Consumer<String> ids) {
        try {
            return new IdReceiver(port, refusedShare, ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            if (ThreadLocalRandom.current().nextDouble() < refusedShare) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            // an event object of distribution's envelope starts with its id, in the events array (after [ or ,);
            // its request's object starts with an id too, after "request":
            synchronized (this) {
                for (int at = body.indexOf(ID); at >= 0; at = body.indexOf(ID, at + 1)) {
                    char before = at > 0 ? body.charAt(at - 1) : ' ';
                    if (before == '[' || before == ',') {
                        int start = at + ID.length();
                        ids.accept(body.substring(start, body.indexOf('"', start)));
                    }
                }
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
