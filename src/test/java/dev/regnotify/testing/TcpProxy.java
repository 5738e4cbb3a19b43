package dev.regnotify.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A TCP proxy on 127.0.0.1 between a client and a server (a deliverer and its broker), which a test tells to cut
 * every connection through it at once: both ends see the connection reset, as when a network path breaks. New
 * connections are taken as before, so the client can come back.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile BooleanSupplier loseReplies = () -> false;
    private volatile boolean refusing;

    private TcpProxy(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptUntilClosed, "tcp-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return a proxy to the port on 127.0.0.1 */
    public static TcpProxy to(int targetPort) {
        try {
            return new TcpProxy(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** @return how many connections it took so far (a client that reconnects adds one) */
    public int accepted() {
        return accepted.get();
    }

    /** Cuts every connection through it now, resetting both sides (not a graceful close). */
    public void cut() {
        for (Socket socket : open) {
            reset(socket);
        }
        loseReplies = () -> false;
    }

    /**
     * Cuts every connection through it and refuses new ones (each reset at once) until {@link #accept}: the path is
     * down for a while.
     */
    public void cutAndRefuse() {
        refusing = true;
        cut();
    }

    /** Takes new connections again after {@link #cutAndRefuse}. */
    public void accept() {
        refusing = false;
    }

    /**
     * From the moment the condition holds until the next {@link #cut}, what the server sends is lost on the way: the
     * client's requests still reach the server, which acts on them, and their answers never come back.
     *
     * @param condition checked as each answer arrives, such as "the server did what the client asked"
     */
    public void loseRepliesOnce(BooleanSupplier condition) {
        loseReplies = condition;
    }

    private void acceptUntilClosed() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    reset(client);
                    continue;
                }
                Socket server = new Socket();
                try {
                    server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target));
                } catch (IOException e) {
                    reset(client);
                    continue;
                }
                open.add(client);
                open.add(server);
                accepted.incrementAndGet();
                pump(client, server, false);
                pump(server, client, true);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean replies) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                // the streams are not closed on their own: that would close the sockets with a FIN, not a reset
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!(replies && loseReplies.getAsBoolean())) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // cut, or the other side went: either way this pair is done
            } finally {
                reset(from);
                reset(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void reset(Socket socket) {
        open.remove(socket);
        try (socket) {
            socket.setSoLinger(true, 0); // an RST, as a broken path gives, rather than an orderly FIN
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // nothing left to release
        }
        cut();
    }
}
