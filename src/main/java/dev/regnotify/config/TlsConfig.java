package dev.regnotify.config;

import java.nio.file.Path;

/**
 * An endpoint's own TLS ({@code tls}): the certificate authorities its receiver's certificate is checked against, and
 * the client certificate it presents for mutual TLS. The files are PEM, read when the endpoint starts and again when
 * they change. Only paths are held: the key's content is never in a configuration object.
 *
 * @param ca a PEM bundle of certificates to trust instead of the JDK's ({@code tls.ca}), or null for the JDK's
 * @param certificate the client certificate chain, PEM ({@code tls.certificate}), or null for none
 * @param key the client certificate's private key, PEM in PKCS #8 ({@code tls.key}), or null for none
 * @since 0.4
 */
public record TlsConfig(Path ca, Path certificate, Path key) {

    /** The JDK's trust store, no client certificate. */
    public static final TlsConfig DEFAULT = new TlsConfig(null, null, null);

    /** A certificate needs its key, and a key its certificate. */
    public TlsConfig {
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException(certificate == null
                    ? "tls.key is set without tls.certificate: a client certificate needs both"
                    : "tls.certificate is set without tls.key: a client certificate needs both");
        }
    }

    /** @return whether anything differs from the JDK's defaults */
    public boolean configured() {
        return ca != null || certificate != null;
    }

    /** @return whether a client certificate is presented */
    public boolean mutual() {
        return certificate != null;
    }
}
