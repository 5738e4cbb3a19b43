package dev.regnotify.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.ConfigException;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.config.SigningConfig;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/** Standard Webhooks v1 signatures: the specification's vector, key rotation, retries, and secrets kept secret. */
class SignaturesTest {

    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330;
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String OTHER_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "another key of 24 bytes!".getBytes(StandardCharsets.UTF_8));

    private static Clock at(long seconds) {
        return Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
    }

    @Test
    void theSpecificationsVectorIsSignedAndVerified() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                new WebhookSigner(List.of(SPEC_SECRET)).sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
        new WebhookVerifier(List.of(SPEC_SECRET), Duration.ofMinutes(5), at(SPEC_TIMESTAMP + 10))
                .verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                        SPEC_BODY);
    }

    @Test
    void theVerifierRefusesWhatIsNotGenuine() {
        WebhookVerifier verifier = new WebhookVerifier(List.of(SPEC_SECRET), Duration.ofMinutes(5),
                at(SPEC_TIMESTAMP));
        String good = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        String ts = Long.toString(SPEC_TIMESTAMP);
        assertThrows(WebhookVerificationException.class, () -> verifier.verify(SPEC_ID, ts, good,
                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(WebhookVerificationException.class, () -> verifier.verify("msg_other", ts, good, SPEC_BODY));
        WebhookVerificationException stale = assertThrows(WebhookVerificationException.class,
                () -> new WebhookVerifier(List.of(SPEC_SECRET), Duration.ofMinutes(5), at(SPEC_TIMESTAMP + 301))
                        .verify(SPEC_ID, ts, good, SPEC_BODY));
        assertTrue(stale.getMessage().contains("more than 300 s"), stale.getMessage());
        assertThrows(WebhookVerificationException.class, () -> new WebhookVerifier(List.of(OTHER_SECRET),
                Duration.ofMinutes(5), at(SPEC_TIMESTAMP)).verify(SPEC_ID, ts, good, SPEC_BODY));
        verifier.verify(SPEC_ID, ts, "v2,whatever v1,bm90IGl0 " + good, SPEC_BODY); // one match is enough
    }

    @Test
    void anEndpointSignsEveryAttemptWithEverySecretAndKeepsItsIdAcrossRetries() throws Exception {
        try (Receiver receiver = Receiver.start().answering(n -> Answer.status(n == 1 ? 503 : 200))) {
            EndpointConfig config = EndpointConfig.of("signed", receiver.url())
                    .withRetry(Duration.ofSeconds(5), 10, Duration.ofMillis(20))
                    .withSigning(new SigningConfig(List.of(SPEC_SECRET, OTHER_SECRET)));
            Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(),
                    new NotificationFactory(null, false)), new InMemoryQueue(10), Executors.defaultThreadFactory());
            try {
                endpoint.offer(Notifications.numbered(0));
                receiver.awaitAccepted(1, Duration.ofSeconds(20));
            } finally {
                endpoint.close(Duration.ZERO);
            }
            List<Receiver.Request> attempts = receiver.requests();
            assertEquals(2, attempts.size());
            assertEquals(attempts.get(0).header("webhook-id"), attempts.get(1).header("webhook-id"),
                    "one id for every attempt of an envelope");
            for (Receiver.Request attempt : attempts) {
                String[] signatures = attempt.header("webhook-signature").split(" ");
                assertEquals(2, signatures.length, "one per secret");
                String id = attempt.header("webhook-id");
                long timestamp = Long.parseLong(attempt.header("webhook-timestamp"));
                assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 60);
                // the receiver's own code, as a receiver written without this library would check
                assertEquals("v1," + hmac(SPEC_SECRET, id, timestamp, attempt.body()), signatures[0]);
                assertEquals("v1," + hmac(OTHER_SECRET, id, timestamp, attempt.body()), signatures[1]);
            }
        }
    }

    @Test
    void secretsAppearNowhere() {
        String secret = "whsec_c2VjcmV0IHZhbHVlIG9mIHRoaXMgdGVzdA==";
        EndpointConfig config = EndpointConfig.of("signed", Receiver.start().url())
                .withSigning(new SigningConfig(List.of(secret)));
        assertFalse(config.toString().contains(secret.substring(6)), config.toString());
        ConfigException refused = assertThrows(ConfigException.class, () -> RegnotifyConfig.parse(
                "{\"notifications\":{\"endpoints\":[{\"name\":\"a\",\"url\":\"http://x/\",\"signing\":{\"secrets\":"
                        + "[\"" + secret + "\",\"not-a-secret-value\"]}}]}}"));
        assertEquals("notifications.endpoints[0].signing.secrets: secret 1 is not whsec_ followed by a base64 key "
                + "(the value is not shown: it is a secret)", refused.getMessage());
        assertFalse(new WebhookSigner(List.of(secret)).toString().contains(secret.substring(6)));
        assertFalse(new SigningConfig(List.of(secret)).toString().contains(secret.substring(6)));
    }

    private static String hmac(String secret, String id, long timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] signed = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(signed, signed.length + body.length);
        System.arraycopy(body, 0, all, signed.length, body.length);
        return Base64.getEncoder().encodeToString(mac.doFinal(all));
    }
}
