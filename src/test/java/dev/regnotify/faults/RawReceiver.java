package dev.regnotify.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A receiver on 127.0.0.1 speaking HTTP/1.1 by hand, to answer what a well-behaved server never would: each
 * connection gets the raw bytes its script gives (by connection number, from 1, or by request number with
 * {@link #byRequest}), after each request is read, and is then held open until the receiver closes, unless the bytes
 * end with {@link #THEN_CLOSE}.
 */
final class RawReceiver implements AutoCloseable {

    /** A 200 with an empty body. */
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    /** Ends an answer after which the receiver closes the connection, without saying so (as for an idle one). */
    static final String THEN_CLOSE = "<close>";
    /** A 200 that promises 100 bytes of body and sends one. */
    static final String STALLED_BODY = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nx";
    /** A 200 whose one header line is {@value #HUGE_LINE_BYTES} bytes long, streamed (never held in memory). */
    static final String HUGE_HEADER_LINE = "<huge header line>";
    static final int HUGE_LINE_BYTES = 16 << 20;

    private final ServerSocket server;
    private final IntFunction<String> script;
    private final boolean byRequest;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** @param script the answers by connection number, from 1 */
    RawReceiver(IntFunction<String> script) throws IOException {
        this(script, false);
    }

    private RawReceiver(IntFunction<String> script, boolean byRequest) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.byRequest = byRequest;
        this.acceptor = new Thread(this::acceptUntilClosed, "raw-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @param script the answers by request number among all the receiver's requests, from 1 */
    static RawReceiver byRequest(IntFunction<String> script) throws IOException {
        return new RawReceiver(script, true);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/events");
    }

    int connections() {
        return connections.get();
    }

    /** @return the requests' heads (request line and headers), in the order they were read */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void acceptUntilClosed() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                int number = connections.incrementAndGet();
                Thread handler = new Thread(() -> answer(socket, number), "raw-receiver-" + number);
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void answer(Socket socket, int number) {
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                requests.add(head);
                in.readNBytes(contentLength(head));
                int request = requestCount.incrementAndGet();
                String answer = script.apply(byRequest ? request : number);
                if (answer.equals(HUGE_HEADER_LINE)) {
                    writeHugeHeaderLine(out);
                    continue;
                }
                boolean close = answer.endsWith(THEN_CLOSE);
                out.write(answer.substring(0, answer.length() - (close ? THEN_CLOSE.length() : 0))
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (close) {
                    socket.close();
                    return;
                }
            }
        } catch (IOException e) {
            // the client gave up on the connection
        }
    }

    private static void writeHugeHeaderLine(OutputStream out) throws IOException {
        out.write("HTTP/1.1 200 OK\r\nX-Padding: ".getBytes(StandardCharsets.ISO_8859_1));
        byte[] chunk = new byte[64 << 10];
        Arrays.fill(chunk, (byte) 'a');
        for (int sent = 0; sent < HUGE_LINE_BYTES; sent += chunk.length) {
            out.write(chunk);
        }
        out.write("\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).strip());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
