package dev.regnotify.webhooks;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * For receivers written in Java: checks the Standard Webhooks signature of a request, as regnotify (or any sender of
 * the specification) makes it. The comparison takes the same time whatever the signature, and a timestamp too far
 * from now (a replay) is refused.
 * <pre>{@code
 * WebhookVerifier verifier = new WebhookVerifier(List.of(System.getenv("WEBHOOK_SECRET")), Duration.ofMinutes(5));
 * verifier.verify(request.header("webhook-id"), request.header("webhook-timestamp"),
 *         request.header("webhook-signature"), body);   // throws WebhookVerificationException if not genuine
 * }</pre>
 *
 * @since 0.1
 */
public final class WebhookVerifier {

    private final WebhookSigner signer;
    private final Duration tolerance;
    private final Clock clock;

    /**
     * @param secrets the {@code whsec_} secrets a genuine request may be signed with
     * @param tolerance how far the request's timestamp may be from now
     */
    public WebhookVerifier(List<String> secrets, Duration tolerance) {
        this(secrets, tolerance, Clock.systemUTC());
    }

    /**
     * @param secrets the {@code whsec_} secrets a genuine request may be signed with
     * @param tolerance how far the request's timestamp may be from now
     * @param clock what now is
     */
    public WebhookVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        this.signer = new WebhookSigner(secrets);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * @param id the {@code webhook-id} header
     * @param timestamp the {@code webhook-timestamp} header
     * @param signatures the {@code webhook-signature} header
     * @param body the request's body, exactly as received
     * @throws WebhookVerificationException saying what is wrong (never quoting a secret)
     */
    public void verify(String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null) {
            throw new WebhookVerificationException("a webhook-id, webhook-timestamp and webhook-signature header "
                    + "are needed");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("webhook-timestamp is not Unix seconds: " + timestamp);
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > tolerance.toSeconds()) {
            throw new WebhookVerificationException("webhook-timestamp " + seconds + " is more than "
                    + tolerance.toSeconds() + " s from now (" + now + ")");
        }
        List<byte[]> expected = signer.expected(id, seconds, body);
        for (String signature : signatures.strip().split(" +")) {
            if (!signature.startsWith("v1,")) {
                continue; // another version of the scheme: not ours to check
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(signature.substring(3));
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (byte[] mac : expected) {
                if (MessageDigest.isEqual(mac, given)) {
                    return;
                }
            }
        }
        throw new WebhookVerificationException("no v1 signature matches any of the secrets");
    }
}
