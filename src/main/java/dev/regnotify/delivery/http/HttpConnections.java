package dev.regnotify.delivery.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.io.CloseMode;

/**
 * The kept-alive connections of one receiver (HttpCore 5's HTTP/1.1 connections over plain or TLS sockets): an
 * attempt takes the one used last, or a new one, and gives it back when the receiver's answer allows reuse. There
 * are never more than the attempts in flight at once. A connection idle for a second or more is checked before it is
 * used (the receiver may have closed it meanwhile: sending on it would fail an attempt for nothing), and one with bytes
 * waiting that no request asked for is never used again (they would be read as the answer to the next request).
 *
 * <p>TLS is the JDK's default context (its trust store), with the receiver's name checked against its certificate,
 * and is set up when a first https connection needs it: loading the trust store and the TLS provider costs up to
 * half a second of CPU, for nothing when the endpoint is plain http.
 */
final class HttpConnections implements AutoCloseable {

    private static final long CHECK_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The longest line of a response head (its status line, each header field), as nginx keeps in front of one. */
    static final int MAX_LINE_BYTES = 8192;
    /** The most header fields of a response (trailers of a chunked body included). */
    static final int MAX_HEADER_FIELDS = 100;
    // HttpCore reads any length and any number of lines by default: one endless header would exhaust the heap
    private static final Http1Config LIMITS = Http1Config.custom().setMaxLineLength(MAX_LINE_BYTES)
            .setMaxHeaderCount(MAX_HEADER_FIELDS).build();

    private final String host;
    private final int port;
    private final boolean tls;
    private final Supplier<SSLContext> tlsContext;
    private final HostLookup lookup;
    private final AddressGuard guard;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private volatile TlsSockets tlsSockets;

    private record TlsSockets(SSLContext context, SSLSocketFactory factory) {
    }
    private boolean closed;

    /** A connection given back, and since when it waits. */
    private record Idle(ClientConnection connection, long sinceNanos) {
    }

    /** Connecting took longer than the attempt may. */
    static final class ConnectTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectTimeoutException(String message) {
            super(message);
        }
    }

    /**
     * @param target the receiver's URL (http or https)
     * @param tlsContext the TLS context for https, asked for when a first connection needs it
     */
    HttpConnections(URI target, Supplier<SSLContext> tlsContext) {
        this(target, tlsContext, InetAddress::getAllByName);
    }

    /** @param resolver looks up the receiver's host name */
    HttpConnections(URI target, Supplier<SSLContext> tlsContext, HostLookup.Resolver resolver) {
        this(target, tlsContext, resolver, AddressGuard.NONE);
    }

    /** @param guard judges each address just before it is connected to */
    HttpConnections(URI target, Supplier<SSLContext> tlsContext, HostLookup.Resolver resolver, AddressGuard guard) {
        // an IPv6 address is written in brackets in a URL, and without them everywhere else
        this.host = target.getHost().startsWith("[") ? target.getHost().substring(1, target.getHost().length() - 1)
                : target.getHost();
        this.tls = "https".equalsIgnoreCase(target.getScheme());
        this.port = target.getPort() >= 0 ? target.getPort() : tls ? 443 : 80;
        this.tlsContext = tlsContext;
        this.lookup = new HostLookup(host, resolver, receiver());
        this.guard = guard;
    }

    /** @return the JDK's default TLS context */
    static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    /** @return the receiver as {@code host:port} */
    String receiver() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * @param attempt where a socket being opened is registered, so that cancelling the attempt closes it
     * @param timeoutMillis how long looking the host up and connecting may take, and each read
     * @return an open connection, reused or new
     * @throws HostLookup.LookupTimeoutException when looking the host up took the whole timeout
     * @throws ConnectTimeoutException when no address of the receiver accepted within the timeout
     */
    ClientConnection take(HttpAttempt attempt, int timeoutMillis) throws IOException {
        ClientConnection reused = reusable();
        if (reused == null) {
            return open(attempt, timeoutMillis);
        }
        attempt.holding(() -> reused.close(CloseMode.IMMEDIATE));
        return reused;
    }

    private ClientConnection reusable() {
        while (true) {
            Idle last;
            synchronized (idle) {
                last = idle.pollFirst();
            }
            if (last == null) {
                return null;
            }
            if (usable(last)) {
                return last.connection();
            }
            last.connection().close(CloseMode.IMMEDIATE);
        }
    }

    private static boolean usable(Idle last) {
        ClientConnection connection = last.connection();
        try {
            // seeing that the receiver closed it takes a wait for the end of the stream: only after a long idle
            boolean open = connection.isOpen() && (System.nanoTime() - last.sinceNanos() < CHECK_AFTER_IDLE_NANOS
                    || !connection.isStale());
            // bytes no request asked for (a second answer to the last one) would be read as the next one's answer
            return open && !connection.hasUnreadInput();
        } catch (IOException e) {
            return false;
        }
    }

    private ClientConnection open(HttpAttempt attempt, int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        IOException last = null;
        AddressGuard.RefusedAddressException refused = null;
        // as browsers and HttpClient do: every address of the name in turn, within the one timeout
        for (InetAddress address : lookup.addresses(attempt, deadline)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            // the address connected to is the one judged: the name may have been rebound since it was first checked
            Optional<String> refusal = guard.refusal(address);
            if (refusal.isPresent()) {
                refused = refused != null ? refused : new AddressGuard.RefusedAddressException(refusal.get());
                continue;
            }
            Socket socket = new Socket();
            attempt.holding(socket);
            try {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(timeoutMillis);
                socket.connect(new InetSocketAddress(address, port), (int) left);
                Socket connected = tls ? handshake(socket, attempt) : socket;
                ClientConnection connection = ClientConnection.over(connected, socket, LIMITS);
                attempt.holding(() -> connection.close(CloseMode.IMMEDIATE));
                return connection;
            } catch (SocketTimeoutException e) {
                socket.close();
                last = new ConnectTimeoutException("connecting to " + receiver() + " timed out");
            } catch (InterruptedIOException e) {
                socket.close();
                throw e;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last != null ? last : refused != null ? refused
                : new ConnectTimeoutException("connecting to " + receiver() + " timed out");
    }

    private SSLSocket handshake(Socket socket, HttpAttempt attempt) throws IOException {
        // asked each time: an endpoint's own TLS files may have changed (TlsFiles); the JDK's context is one object
        SSLContext context = tlsContext.get();
        TlsSockets sockets = tlsSockets;
        if (sockets == null || sockets.context() != context) {
            sockets = new TlsSockets(context, context.getSocketFactory());
            tlsSockets = sockets;
        }
        SSLSocket secure = (SSLSocket) sockets.factory().createSocket(socket, host, port, true);
        attempt.holding(secure);
        SSLParameters parameters = secure.getSSLParameters();
        // the certificate must name the host of the URL, as for any https client
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        secure.startHandshake();
        return secure;
    }

    /**
     * @param connection the connection an attempt used, or null when it got none
     * @param reusable whether the exchange ended so that the connection may carry the next one
     */
    void giveBack(ClientConnection connection, boolean reusable) {
        if (connection == null) {
            return;
        }
        if (reusable && connection.isOpen()) {
            synchronized (idle) {
                if (!closed) {
                    idle.addFirst(new Idle(connection, System.nanoTime()));
                    return;
                }
            }
        }
        connection.close(CloseMode.IMMEDIATE);
    }

    /** Closes the idle connections, and those given back from now on. */
    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(i -> i.connection().close(CloseMode.IMMEDIATE));
            idle.clear();
        }
        lookup.close();
    }
}
