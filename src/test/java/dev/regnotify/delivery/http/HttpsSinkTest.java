package dev.regnotify.delivery.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.delivery.DeliveryException;
import dev.regnotify.delivery.Envelope;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.testing.TlsReceiver;

/**
 * https receivers, with a trust that knows their certificate: delivered over one kept-alive TLS connection when the
 * certificate names the URL's host, refused naming the mismatch when it names another; one that never answers the
 * handshake is given up on at the timeout.
 */
class HttpsSinkTest {

    private static final Envelope ENVELOPE = new Envelope("{\"events\":[]}".getBytes(StandardCharsets.UTF_8),
            "application/json", 1, Map.of());

    private static HttpSink sink(TlsReceiver receiver, SSLContext trust) {
        return new HttpSink(receiver.url(), Map.of(), Duration.ofSeconds(5),
                new EndpointCounters("tls", receiver.url()), () -> trust);
    }

    @Test
    void aTrustedReceiverNamedByItsCertificateGetsTheEnvelopes(@TempDir Path dir) throws Exception {
        try (TlsReceiver receiver = TlsReceiver.start(dir, "ip:127.0.0.1")) {
            HttpSink sink = sink(receiver, receiver.trusted());
            try {
                sink.send(ENVELOPE);
                sink.send(ENVELOPE);
            } finally {
                sink.close();
            }
            assertEquals(2, receiver.requests());
            assertEquals(1, receiver.connections(), "the TLS connection was kept alive");
        }
    }

    @Test
    void aReceiverThatNeverFinishesTheHandshakeIsGivenUpOnAtTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            URI url = URI.create("https://127.0.0.1:" + silent.getLocalPort() + "/events");
            HttpSink sink = new HttpSink(url, Map.of(), Duration.ofMillis(300),
                    new EndpointCounters("silent", url), HttpConnections::defaultTls);
            try {
                // the connection is accepted by the kernel's backlog; nobody ever answers the client's hello
                DeliveryException late = assertTimeoutPreemptively(Duration.ofSeconds(10),
                        () -> assertThrows(DeliveryException.class, () -> sink.send(ENVELOPE)));
                assertTrue(late.getMessage().contains("127.0.0.1:" + silent.getLocalPort() + " within 300 ms"),
                        late.getMessage());
            } finally {
                sink.close();
            }
        }
    }

    @Test
    void aCertificateForAnotherNameIsRefusedEvenWhenTrusted(@TempDir Path dir) throws Exception {
        try (TlsReceiver receiver = TlsReceiver.start(dir, "dns:elsewhere.example")) {
            HttpSink sink = sink(receiver, receiver.trusted());
            DeliveryException refused;
            try {
                refused = assertThrows(DeliveryException.class, () -> sink.send(ENVELOPE));
            } finally {
                sink.close();
            }
            assertTrue(refused.getMessage().contains("127.0.0.1:" + receiver.url().getPort()), refused.getMessage());
            assertTrue(refused.getMessage().contains("No subject alternative names matching IP address 127.0.0.1"),
                    refused.getMessage());
            assertEquals(0, receiver.requests());
        }
    }
}
