package dev.regnotify.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.regnotify.config.SigningConfig;

/**
 * Standard Webhooks v1 signatures: {@code v1,<base64 of HMAC-SHA256(key, "id.timestamp.body")>}, one per secret,
 * separated by spaces. Thread-safe: a MAC is made per call.
 *
 * @since 0.1
 */
public final class WebhookSigner {

    private final List<SecretKeySpec> keys = new ArrayList<>();

    /** @param secrets {@code whsec_} secrets, one signature each */
    public WebhookSigner(List<String> secrets) {
        new SigningConfig(secrets); // checks their form, never quoting them
        for (String secret : secrets) {
            keys.add(new SecretKeySpec(SigningConfig.key(secret), "HmacSHA256"));
        }
    }

    /**
     * @param id the message id ({@code webhook-id})
     * @param timestamp Unix seconds ({@code webhook-timestamp})
     * @param body the exact bytes sent
     * @return the {@code webhook-signature} header's value
     */
    public String sign(String id, long timestamp, byte[] body) {
        StringBuilder header = new StringBuilder();
        for (SecretKeySpec key : keys) {
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append("v1,").append(Base64.getEncoder().encodeToString(mac(key, id, timestamp, body)));
        }
        return header.toString();
    }

    /** @return the signatures' raw bytes, one per secret, for a constant-time comparison */
    List<byte[]> expected(String id, long timestamp, byte[] body) {
        List<byte[]> macs = new ArrayList<>();
        for (SecretKeySpec key : keys) {
            macs.add(mac(key, id, timestamp, body));
        }
        return macs;
    }

    private static byte[] mac(SecretKeySpec key, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[" + keys.size() + " secrets, <redacted>]";
    }
}
