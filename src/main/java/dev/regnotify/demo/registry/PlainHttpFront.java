package dev.regnotify.demo.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry's public port. Clients probe a registry with a TLS handshake before they fall back to plain HTTP; the
 * JDK's {@code HttpServer} would wait for a request line that never comes, and the client would wait out its
 * handshake timeout (10 s for skopeo) on every command. This front answers a handshake at once, as distribution
 * does ({@code 400 Client sent an HTTP request to an HTTPS server}), and relays every other connection to the
 * {@code HttpServer} on an internal port, remembering the client's address for the request records.
 */
final class PlainHttpFront implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.demo");
    private static final int TLS_HANDSHAKE = 0x16;
    private static final byte[] REFUSAL = ("HTTP/1.0 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Connection: close\r\n\r\nClient sent an HTTP request to an HTTPS server.\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket;
    private final int backend;
    private final Map<Integer, InetSocketAddress> clients = new ConcurrentHashMap<>();
    private final ExecutorService threads;
    private volatile boolean closed;

    PlainHttpFront(int port, int backend) throws IOException {
        this.socket = new ServerSocket(port, 64, InetAddress.getLoopbackAddress());
        this.backend = backend;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "registry-front-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** @return the client behind a relayed connection, given the port it reaches the backend from; or null */
    InetSocketAddress client(int relayPort) {
        return clients.get(relayPort);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = socket.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "RN-502 the registry's port stopped accepting", e);
                }
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            PushbackInputStream in = new PushbackInputStream(client.getInputStream(), 1);
            int first = in.read();
            if (first < 0) {
                return;
            }
            if (first == TLS_HANDSHAKE) {
                client.getOutputStream().write(REFUSAL);
                return;
            }
            in.unread(first);
            try (Socket relay = new Socket(InetAddress.getLoopbackAddress(), backend)) {
                int relayPort = relay.getLocalPort();
                clients.put(relayPort, (InetSocketAddress) client.getRemoteSocketAddress());
                try {
                    threads.execute(() -> pump(relay, client));
                    pump(in, relay);
                } finally {
                    clients.remove(relayPort);
                }
            }
        } catch (IOException e) {
            // the client or the backend closed the connection
        }
    }

    /** Copies the backend's answers to the client until either side closes. */
    private static void pump(Socket from, Socket to) {
        try {
            copy(from.getInputStream(), to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    private static void pump(InputStream from, Socket to) throws IOException {
        copy(from, to.getOutputStream());
        to.shutdownOutput();
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "RN-502 closing the registry's port", e);
        }
        threads.shutdownNow();
    }
}
