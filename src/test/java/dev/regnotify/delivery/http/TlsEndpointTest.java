package dev.regnotify.delivery.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.TlsConfig;
import dev.regnotify.delivery.DeliveryException;
import dev.regnotify.delivery.Envelope;
import dev.regnotify.delivery.Sink;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.testing.LogCapture;

/**
 * An endpoint's own TLS ({@code tls.ca}, {@code tls.certificate}, {@code tls.key}) against a receiver on 127.0.0.1
 * that requires a client certificate signed by its authority. Fixtures: src/test/resources/tls (generate.sh).
 */
class TlsEndpointTest {

    private static final Envelope ENVELOPE = new Envelope("{\"events\":[]}".getBytes(StandardCharsets.UTF_8),
            "application/json", 1, Map.of());

    @TempDir
    Path dir;

    private HttpsServer receiver;
    private final ExecutorService receiverThreads = Executors.newFixedThreadPool(2);
    private final List<String> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws Exception {
        copy("ca.pem", "client.pem", "client.key", "other-client.pem", "other-client.key", "client-sec1.key");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = fixture("receiver.p12")) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = fixture("ca.pem")) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        receiver = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        receiver.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true); // no client certificate, no connection
                parameters.setSSLParameters(ssl);
            }
        });
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            SSLSession session = ((HttpsExchange) exchange).getSSLSession();
            try {
                clients.add(session.getPeerPrincipal().getName());
            } catch (SSLPeerUnverifiedException e) {
                clients.add("none");
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.setExecutor(receiverThreads);
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
        receiverThreads.shutdownNow();
    }

    private void copy(String... names) throws Exception {
        for (String name : names) {
            try (InputStream in = fixture(name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
    }

    private static InputStream fixture(String name) {
        return TlsEndpointTest.class.getResourceAsStream("/tls/" + name);
    }

    private URI url() {
        return URI.create("https://127.0.0.1:" + receiver.getAddress().getPort() + "/events");
    }

    private Sink transport(TlsConfig tls) {
        // a generous timeout: a handshake on a loaded machine may take more than the default second
        EndpointConfig config = EndpointConfig.builder("scanner", url()).tls(tls).timeout(Duration.ofSeconds(10))
                .build();
        return HttpTransport.of(config, new EndpointCounters("scanner", url()), Executors.defaultThreadFactory());
    }

    private TlsConfig mutual(String certificate, String key) {
        return new TlsConfig(dir.resolve("ca.pem"), dir.resolve(certificate), dir.resolve(key));
    }

    @Test
    void aReceiverRequiringAClientCertificateGetsTheEnvelopeWithTheConfiguredOne() throws Exception {
        Sink sink = transport(mutual("client.pem", "client.key"));
        try {
            sink.send(ENVELOPE);
        } finally {
            sink.close();
        }
        assertEquals(List.of("CN=regnotify test client"), clients);
    }

    @Test
    void withoutAClientCertificateTheHandshakeIsRefusedAndNothingArrives() throws Exception {
        Sink sink = transport(new TlsConfig(dir.resolve("ca.pem"), null, null));
        try {
            assertThrows(DeliveryException.class, () -> sink.send(ENVELOPE));
        } finally {
            sink.close();
        }
        assertEquals(List.of(), clients);
    }

    @Test
    void withoutTheCaTheReceiversCertificateIsNotTrusted() throws Exception {
        // the JDK's trust store does not know the test authority: tls.ca is what makes the receiver trusted
        Sink sink = transport(new TlsConfig(null, dir.resolve("client.pem"), dir.resolve("client.key")));
        DeliveryException refused;
        try {
            refused = assertThrows(DeliveryException.class, () -> sink.send(ENVELOPE));
        } finally {
            sink.close();
        }
        assertTrue(refused.getMessage().contains("certif"), refused.getMessage());
        assertEquals(List.of(), clients);
    }

    @Test
    void changedFilesAreReadAgainForTheNextConnection() throws Exception {
        // first a certificate of another authority, which the receiver refuses; then the operator replaces the files
        Path certificate = dir.resolve("presented.pem");
        Path key = dir.resolve("presented.key");
        Files.copy(dir.resolve("other-client.pem"), certificate);
        Files.copy(dir.resolve("other-client.key"), key);
        Sink sink = transport(new TlsConfig(dir.resolve("ca.pem"), certificate, key));
        try (LogCapture log = LogCapture.start()) {
            assertThrows(DeliveryException.class, () -> sink.send(ENVELOPE));
            replace(dir.resolve("client.pem"), certificate);
            replace(dir.resolve("client.key"), key);
            sink.send(ENVELOPE);
            assertEquals(1, log.containing("RN-380 endpoint scanner read its tls files again").size(),
                    () -> log.lines().toString());
        } finally {
            sink.close();
        }
        assertEquals(List.of("CN=regnotify test client"), clients);
    }

    /** Replaces a file and moves its time on, so that the change shows whatever the file system's clock grain. */
    private static void replace(Path from, Path to) throws Exception {
        FileTime before = Files.getLastModifiedTime(to);
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(to, FileTime.fromMillis(before.toMillis() + 2000));
    }

    @Test
    void aChangedFileThatCannotBeReadKeepsTheContextInForceAndIsLoggedOnce() throws Exception {
        TlsFiles files = new TlsFiles("scanner", mutual("client.pem", "client.key"));
        SSLContext first = files.get();
        Path key = dir.resolve("client.key");
        FileTime before = Files.getLastModifiedTime(key);
        try (LogCapture log = LogCapture.start()) {
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
            Files.setLastModifiedTime(key, FileTime.fromMillis(before.toMillis() + 2000));
            assertSame(first, files.get(), "the context read before stays in force");
            assertSame(first, files.get());
            assertEquals(1, log.containing("RN-381 endpoint scanner").size(), () -> log.lines().toString());
            assertFalse(log.lines().toString().contains("bm90IGEga2V5"), "never a key's content in the log");
            Files.delete(key); // being replaced: missing for a while, said once however many connections ask
            assertSame(first, files.get());
            assertSame(first, files.get());
            assertEquals(2, log.containing("RN-381 endpoint scanner").size(), () -> log.lines().toString());
        }
    }

    @Test
    void filesThatCannotBeUsedStopTheStartNamingTheFileAndTheFix() throws Exception {
        String missing = assertThrows(IllegalArgumentException.class,
                () -> transport(mutual("client.pem", "absent.key"))).getMessage();
        assertTrue(missing.contains("absent.key"), missing);
        String older = assertThrows(IllegalArgumentException.class,
                () -> transport(mutual("client.pem", "client-sec1.key"))).getMessage();
        assertTrue(older.contains("client-sec1.key") && older.contains("openssl pkcs8 -topk8"), older);
        String mismatched = assertThrows(IllegalArgumentException.class,
                () -> transport(mutual("client.pem", "other-client.key"))).getMessage();
        assertTrue(mismatched.contains("other-client.key is not the key of the first certificate in"), mismatched);
        String notCertificates = assertThrows(IllegalArgumentException.class,
                () -> transport(mutual("client.key", "client.key"))).getMessage();
        assertTrue(notCertificates.contains("holds no PEM certificate"), notCertificates);
        String key = Files.readString(dir.resolve("client.key"));
        String body = key.substring(key.indexOf('\n') + 1, key.indexOf('\n') + 20);
        for (String message : List.of(missing, older, mismatched, notCertificates)) {
            assertFalse(message.contains(body), "never a key's content: " + message);
        }
    }
}
