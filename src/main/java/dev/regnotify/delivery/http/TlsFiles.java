package dev.regnotify.delivery.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import dev.regnotify.config.TlsConfig;

/**
 * An endpoint's TLS context made from its PEM files ({@code tls.ca}, {@code tls.certificate}, {@code tls.key}), and
 * made again when one of them changes: each new connection looks at their modification times and sizes (three
 * {@code stat} calls; connections are kept open and reused, so this is rare). A change that cannot be read (a file
 * being written, a damaged one) keeps the context in force and is logged once ({@code RN-381}); the next change is
 * tried again. Connections already open keep the certificates they were made with.
 */
final class TlsFiles implements Supplier<SSLContext> {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private final String endpoint;
    private final TlsConfig config;
    private volatile Loaded loaded;
    private List<Object> refused; // guarded by this: the stamps of files that could not be read, not read again

    private record Loaded(SSLContext context, List<Object> stamps) {
    }

    /**
     * Reads the files once, so that a missing or bad one stops the endpoint's start with a clear error.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it (never its content)
     */
    TlsFiles(String endpoint, TlsConfig config) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.config = Objects.requireNonNull(config, "config");
        try {
            List<Object> stamps = stamps();
            this.loaded = new Loaded(context(), stamps);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("endpoint " + endpoint + ": its tls files cannot be used: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public SSLContext get() {
        Loaded current = loaded;
        List<Object> now;
        try {
            now = stamps();
        } catch (IOException e) {
            // a file is missing for now, perhaps being replaced: logged once for as long as it stays so
            return refused(current, List.of(e.toString()), e);
        }
        if (now.equals(current.stamps())) {
            return current.context();
        }
        synchronized (this) {
            current = loaded;
            if (now.equals(current.stamps()) || now.equals(refused)) {
                return current.context();
            }
            try {
                SSLContext context = context();
                loaded = new Loaded(context, now);
                refused = null;
                LOG.log(Level.INFO, "RN-380 endpoint {0} read its tls files again: new connections use them",
                        endpoint);
                return context;
            } catch (IOException | GeneralSecurityException e) {
                return refused(current, now, e);
            }
        }
    }

    private synchronized SSLContext refused(Loaded current, List<Object> stamps, Exception e) {
        if (!stamps.equals(refused)) {
            LOG.log(Level.WARNING, "RN-381 endpoint {0}: its changed tls files cannot be used ({1}); it keeps those "
                    + "it read before", endpoint, e.getMessage());
        }
        refused = stamps;
        return current.context();
    }

    private List<Object> stamps() throws IOException {
        List<Object> stamps = new ArrayList<>();
        for (Path file : new Path[] {config.ca(), config.certificate(), config.key()}) {
            if (file != null) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamps.add(attributes.lastModifiedTime());
                stamps.add(attributes.size());
            }
        }
        return stamps;
    }

    private SSLContext context() throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(), trustManagers(), null);
        return context;
    }

    /** @return the client certificate's key managers, or null for none */
    private KeyManager[] keyManagers() throws IOException, GeneralSecurityException {
        if (!config.mutual()) {
            return null;
        }
        List<X509Certificate> chain = PemFiles.certificates(config.certificate());
        PrivateKey key = PemFiles.privateKey(config.key());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = new char[0];
        if (!matches(key, chain.get(0))) {
            throw new GeneralSecurityException(config.key() + " is not the key of the first certificate in "
                    + config.certificate());
        }
        store.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    /** @return whether the key signs what the certificate's public key verifies */
    private static boolean matches(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA
        };
        byte[] probe = "regnotify".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            return false; // a key of another algorithm than the certificate's
        }
    }

    /** @return trust in the bundle's certificates only, or null for the JDK's trust store */
    private TrustManager[] trustManagers() throws IOException, GeneralSecurityException {
        if (config.ca() == null) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (X509Certificate certificate : PemFiles.certificates(config.ca())) {
            store.setCertificateEntry("ca-" + n++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }
}
