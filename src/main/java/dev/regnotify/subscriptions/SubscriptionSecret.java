package dev.regnotify.subscriptions;

import java.time.Instant;
import java.util.Objects;

/**
 * A secret a subscription's webhooks are signed with: {@code whsec_} and a base64 key, as the Standard Webhooks
 * specification writes it. Never shown by {@link #toString()}.
 *
 * @param value the secret
 * @param expires when it stops signing (a previous secret kept for a rotation's overlap), or null for the current one
 * @since 0.4
 */
public record SubscriptionSecret(String value, Instant expires) {

    /** @throws NullPointerException without a value */
    public SubscriptionSecret {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param now the time
     * @return whether it still signs then
     */
    public boolean signsAt(Instant now) {
        return expires == null || now.isBefore(expires);
    }

    /**
     * @param random where the key's bytes come from
     * @return a new secret: {@code whsec_} and 24 random bytes in base64
     */
    static String generate(java.security.SecureRandom random) {
        byte[] key = new byte[24];
        random.nextBytes(key);
        return "whsec_" + java.util.Base64.getEncoder().encodeToString(key);
    }

    @Override
    public String toString() {
        return "SubscriptionSecret[<redacted>" + (expires == null ? "" : ", expires=" + expires) + "]";
    }
}
