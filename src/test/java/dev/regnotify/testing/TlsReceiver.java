package dev.regnotify.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * An https receiver on 127.0.0.1 answering 200 to everything, with a self-signed certificate made by the JDK's
 * keytool for the names given (as keytool's SAN extension: {@code ip:127.0.0.1}, {@code dns:elsewhere.example}).
 */
public final class TlsReceiver implements AutoCloseable {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final HttpsServer server;
    private final KeyStore keys;
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<InetSocketAddress> clients = ConcurrentHashMap.newKeySet();

    private TlsReceiver(KeyStore keys) throws IOException, GeneralSecurityException {
        this.keys = keys;
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            clients.add(exchange.getRemoteAddress());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /**
     * @param dir where the key store is written
     * @param names the certificate's subject alternative names, in keytool's syntax
     */
    public static TlsReceiver start(Path dir, String names) throws Exception {
        Path keystore = dir.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=receiver",
                "-ext", "SAN=" + names, "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD);
        }
        return new TlsReceiver(keys);
    }

    /** @return the receiver's https URL, by address */
    public URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    /** @return how many requests it answered */
    public int requests() {
        return requests.get();
    }

    /** @return over how many connections the requests came */
    public int connections() {
        return clients.size();
    }

    /** @return a client TLS context that trusts this receiver's certificate, and nothing else */
    public SSLContext trusted() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("receiver", keys.getCertificate("receiver"));
        TrustManagerFactory managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        managers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, managers.getTrustManagers(), null);
        return tls;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
