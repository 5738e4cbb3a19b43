package dev.regnotify.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A content digest, {@code algorithm:hex}: {@code sha256} with 64 or {@code sha512} with 128 lower-case hex
 * digits.
 *
 * @param algorithm {@code sha256} or {@code sha512}
 * @param hex the encoded hash, lower-case
 * @since 0.1
 */
public record Digest(String algorithm, String hex) {

    /** The algorithm of digests this library computes. */
    public static final String SHA256 = "sha256";
    /** The other algorithm accepted when parsing. */
    public static final String SHA512 = "sha512";

    /**
     * @param algorithm {@code sha256} or {@code sha512}
     * @param hex the encoded hash
     * @throws InvalidDigestException if the algorithm is not supported or the hex is not of its length
     */
    public Digest {
        int length = hexLength(algorithm);
        if (length < 0) {
            throw new InvalidDigestException(algorithm + ":" + hex, "algorithm must be sha256 or sha512");
        }
        if (hex == null || hex.length() != length || !isLowerHex(hex)) {
            throw new InvalidDigestException(algorithm + ":" + hex, "expected " + length
                    + " lower-case hex digits after '" + algorithm + ":'");
        }
    }

    /**
     * @param value a digest such as {@code sha256:e3b0c442...}
     * @return the parsed digest
     * @throws InvalidDigestException if the value is not a supported digest
     */
    public static Digest parse(String value) {
        int colon = value == null ? -1 : value.indexOf(':');
        if (colon < 0) {
            throw new InvalidDigestException(value, "expected algorithm:hex, such as sha256:<64 hex digits>");
        }
        return new Digest(value.substring(0, colon), value.substring(colon + 1));
    }

    /**
     * @param content the bytes to hash
     * @return the sha256 digest of the content
     */
    public static Digest of(byte[] content) {
        MessageDigest sha = sha256();
        return fromHash(sha.digest(content));
    }

    /** @return a new SHA-256 hasher, to digest content that arrives in chunks */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /**
     * @param sha256 the finished hash of {@link #sha256()}
     * @return the digest of that hash
     */
    public static Digest fromHash(byte[] sha256) {
        return new Digest(SHA256, HexFormat.of().formatHex(sha256));
    }

    private static int hexLength(String algorithm) {
        if (SHA256.equals(algorithm)) {
            return 64;
        }
        return SHA512.equals(algorithm) ? 128 : -1;
    }

    private static boolean isLowerHex(String hex) {
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
