package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.testing.TlsReceiver;

/**
 * https receivers, with a trust that knows their certificate: delivered over one kept-alive TLS connection when the
 * certificate names the URL's host, refused naming the mismatch when it names another.
 */
class HttpsSinkTest {

    private static final Envelope ENVELOPE = new Envelope("{\"events\":[]}".getBytes(StandardCharsets.UTF_8),
            "application/json", 1, Map.of());

    private static HttpSink sink(TlsReceiver receiver, SSLContext trust) {
        return new HttpSink(receiver.url(), Map.of(), Duration.ofSeconds(5),
                new EndpointMetrics("tls", receiver.url(), () -> 0), () -> trust);
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
