package dev.regnotify.console;

import java.util.Objects;

import com.sun.net.httpserver.HttpServer;

import dev.regnotify.subscriptions.Subscriptions;

/**
 * The console on the JDK's HTTP server: the page at {@code /console/} and the API at {@code /console/api/}
 * (docs/console.md). One call mounts it:
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8081), 0);
 * server.setExecutor(Executors.newFixedThreadPool(4));
 * Console.mount(server, new EndpointConsoleSource(endpoints), ConsoleAccess.of(config.console()));
 * server.start();
 * }</pre>
 *
 * <p>Requests run on the server's executor, never on a delivery thread: the source answers from counters and queues
 * replays for the endpoints' own threads, so that a slow client holds one of the server's threads at most. Give the
 * server an executor of its own (without one, it answers on its single dispatcher thread, one request at a time).
 *
 * @since 0.3
 */
public final class Console implements AutoCloseable {

    private final HttpServer server;

    private Console(HttpServer server) {
        this.server = server;
    }

    /**
     * Serves the console on a server, beside what it serves already.
     *
     * @param server the server, started or not
     * @param source what the console shows and does
     * @param access who may use it
     * @return the mounted console; closing it takes its paths off the server
     * @throws IllegalArgumentException if the server serves {@code /console/} already
     */
    public static Console mount(HttpServer server, ConsoleSource source, ConsoleAccess access) {
        return mount(server, source, access, null);
    }

    /**
     * Serves the console on a server, with the subscriptions' API ({@code /console/api/subscriptions}).
     *
     * @param server the server, started or not
     * @param source what the console shows and does
     * @param access who may use it
     * @param subscriptions the subscriptions the API creates, lists, changes and deletes; or null for no such API
     * @return the mounted console; closing it takes its paths off the server
     * @throws IllegalArgumentException if the server serves {@code /console/} already
     * @since 0.4
     */
    public static Console mount(HttpServer server, ConsoleSource source, ConsoleAccess access,
            Subscriptions subscriptions) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(access, "access");
        ApiHandler api = new ApiHandler(ConsoleApi.of(source, subscriptions), access);
        server.createContext(PageFiles.PREFIX, new PageFiles(ConsolePage.load()));
        try {
            server.createContext(ApiHandler.PREFIX, api);
        } catch (RuntimeException e) {
            server.removeContext(PageFiles.PREFIX);
            throw e;
        }
        return new Console(server);
    }

    /** Takes the console's paths off the server; the server goes on serving the rest. */
    @Override
    public void close() {
        server.removeContext(ApiHandler.PREFIX);
        server.removeContext(PageFiles.PREFIX);
    }
}
