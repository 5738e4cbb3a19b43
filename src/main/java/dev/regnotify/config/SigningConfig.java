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

    private static final String PREFIX = "whsec_";

    /**
     * Checks each secret's form.
     *
     * @throws IllegalArgumentException naming which secret (by position) is not {@code whsec_} and base64; the
     *         value is not shown
     */
    public SigningConfig {
        secrets = List.copyOf(secrets);
        for (int i = 0; i < secrets.size(); i++) {
            try {
                if (!secrets.get(i).startsWith(PREFIX) || key(secrets.get(i)).length == 0) {
                    throw new IllegalArgumentException("empty");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("secret " + i + " is not whsec_ followed by a base64 key (the "
                        + "value is not shown: it is a secret)");
            }
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
