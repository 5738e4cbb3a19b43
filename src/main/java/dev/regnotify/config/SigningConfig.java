package dev.regnotify.config;

import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks signatures for an endpoint ({@code signing}): every envelope is signed with each secret, so that
 * a receiver verifies with whichever it knows and keys can rotate. The secrets never appear in {@link #toString()},
 * logs, metrics or exceptions.
 *
 * @param secrets one or more {@code whsec_<base64 key>} secrets, as the Standard Webhooks specification writes them;
 *                empty: envelopes are not signed (the default)
 * @since 0.1
 */
public record SigningConfig(List<String> secrets) {

    /** No signatures. */
    public static final SigningConfig NONE = new SigningConfig(List.of());

    /** The shortest key the Standard Webhooks specification allows, in bytes. */
    public static final int MIN_KEY_BYTES = 24;
    /** The longest key the Standard Webhooks specification allows, in bytes. */
    public static final int MAX_KEY_BYTES = 64;

    private static final String PREFIX = "whsec_";
    private static final String NOT_SHOWN = " (the value is not shown: it is a secret)";

    /**
     * Checks each secret's form and its key's length.
     *
     * @throws IllegalArgumentException naming which secret (by position) is not {@code whsec_} and base64, or has a
     *         key shorter than {@value #MIN_KEY_BYTES} or longer than {@value #MAX_KEY_BYTES} bytes; the value is
     *         not shown
     */
    public SigningConfig {
        secrets = List.copyOf(secrets);
        for (int i = 0; i < secrets.size(); i++) {
            int length = keyLength(secrets.get(i));
            if (length < 0) {
                throw new IllegalArgumentException("secret " + i + " is not whsec_ followed by a base64 key"
                        + NOT_SHOWN);
            }
            // the specification's bounds: a shorter key is weaker, and a receiver that follows it may refuse one
            if (length < MIN_KEY_BYTES || length > MAX_KEY_BYTES) {
                throw new IllegalArgumentException("secret " + i + " has a key of " + length + " bytes, where the "
                        + "Standard Webhooks specification asks for " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES
                        + NOT_SHOWN);
            }
        }
    }

    /** @return the key's length in bytes, or -1 if the secret is not {@code whsec_} and base64 */
    private static int keyLength(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return -1;
        }
        try {
            int length = key(secret).length;
            return length == 0 ? -1 : length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** @return whether envelopes are signed */
    public boolean signs() {
        return !secrets.isEmpty();
    }

    /**
     * @param secret a {@code whsec_} secret
     * @return its key bytes
     */
    public static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        return "SigningConfig[" + secrets.size() + " secrets, <redacted>]";
    }
}
