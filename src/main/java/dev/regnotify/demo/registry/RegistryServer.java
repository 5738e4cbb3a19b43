package dev.regnotify.demo.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpServer;

import dev.regnotify.delivery.metrics.PrometheusText;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.TagService;
import dev.regnotify.storage.RegistryStorage;

/**
 * The registry HTTP API (OCI Distribution / Docker Registry v2) on 127.0.0.1, over {@code @Listened} services, so
 * that real clients such as skopeo push and pull and every operation notifies. The JDK's {@code HttpServer}, behind a
 * front that answers the TLS handshakes clients probe with, as distribution does ({@link PlainHttpFront}).
 *
 * @since 0.1
 */
public final class RegistryServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final PlainHttpFront front;

    private RegistryServer(HttpServer server, ExecutorService executor, PlainHttpFront front) {
        this.server = server;
        this.executor = executor;
        this.front = front;
    }

    /**
     * @param port the port on 127.0.0.1, or 0 for a free one
     * @param manifests the listened manifests
     * @param blobs the listened blobs
     * @param tags the listened tags
     * @param plain the storage itself, for what does not notify (HEAD, tag lists, the catalog)
     * @param metrics the notification metrics in the Prometheus text format, served at {@code GET /metrics}
     * @return the started server
     * @throws IOException if the port cannot be bound
     */
    public static RegistryServer start(int port, ManifestService manifests, BlobStore blobs, TagService tags,
            RegistryStorage plain, Supplier<String> metrics) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        PlainHttpFront front;
        try {
            front = new PlainHttpFront(port, server.getAddress().getPort());
        } catch (IOException e) {
            executor.shutdownNow();
            throw e;
        }
        server.createContext("/", new RegistryHandler(manifests, blobs, tags, plain, front));
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                byte[] text = metrics.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
                exchange.sendResponseHeaders(200, text.length);
                exchange.getResponseBody().write(text);
            }
        });
        server.setExecutor(executor);
        server.start();
        return new RegistryServer(server, executor, front);
    }

    /**
     * @return the HTTP server behind the front, to serve more beside the registry API (the console)
     * @since 0.3
     */
    public HttpServer httpServer() {
        return server;
    }

    /** @return the port it listens on */
    public int port() {
        return front.port();
    }

    @Override
    public void close() {
        front.close();
        server.stop(0);
        executor.shutdownNow();
    }
}
