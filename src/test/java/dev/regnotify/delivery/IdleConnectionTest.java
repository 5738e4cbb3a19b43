package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

/**
 * A receiver that closes a connection once it answered (without saying so, as servers do with connections idle
 * too long): the next envelope, a second later, goes on a new connection, with no failed attempt in between.
 */
class IdleConnectionTest {

    private static final Envelope ENVELOPE = new Envelope("{\"events\":[]}".getBytes(StandardCharsets.UTF_8),
            "application/json", 1, Map.of());

    @Test
    void aConnectionTheReceiverClosedWhileIdleIsNotUsedAgain() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answerOnceAndClose(server, connections), "closing-receiver");
            answering.setDaemon(true);
            answering.start();
            URI url = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/events");
            EndpointMetrics metrics = new EndpointMetrics("idle", url, () -> 0);
            HttpSink sink = new HttpSink(url, Map.of(), Duration.ofSeconds(5), metrics);
            try {
                sink.send(ENVELOPE);
                // what is waited for is time itself: connections idle a second or more are checked before use
                long idleEnough = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1200);
                while (System.nanoTime() < idleEnough) {
                    LockSupport.parkNanos(idleEnough - System.nanoTime());
                }
                sink.send(ENVELOPE);
            } finally {
                sink.close();
            }
            assertEquals(2, connections.get());
            assertEquals(0, metrics.getErrors());
            assertEquals(2, metrics.getSuccesses());
        }
    }

    private static void answerOnceAndClose(ServerSocket server, AtomicInteger connections) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                connections.incrementAndGet();
                InputStream in = socket.getInputStream();
                String head = readHead(in);
                int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
                in.readNBytes(length);
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }
}
