package dev.regnotify.delivery.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.regnotify.delivery.AttemptListener;
import dev.regnotify.delivery.DeliveryException;
import dev.regnotify.delivery.Envelope;
import dev.regnotify.delivery.Sink;
import dev.regnotify.webhooks.WebhookSigner;

/**
 * Signs each attempt as the Standard Webhooks specification says: {@code webhook-id} (the same for every attempt of
 * an envelope: it is made from the envelope's bytes), {@code webhook-timestamp} (this attempt's Unix seconds) and
 * {@code webhook-signature} (one per secret, so keys can rotate). Thread-safe.
 */
final class SigningSink implements Sink {

    private final Sink inner;
    private final WebhookSigner signer;
    private final Clock clock;

    SigningSink(Sink inner, List<String> secrets, Clock clock) {
        this.inner = inner;
        this.signer = new WebhookSigner(secrets);
        this.clock = clock;
    }

    @Override
    public void send(Envelope envelope) throws DeliveryException, InterruptedException {
        send(envelope, AttemptListener.NONE);
    }

    @Override
    public void send(Envelope envelope, AttemptListener seen) throws DeliveryException, InterruptedException {
        String id = "msg_" + HexFormat.of().formatHex(sha256(envelope.body()), 0, 16);
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>(envelope.headers());
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signer.sign(id, timestamp, envelope.body()));
        inner.send(envelope.withHeaders(headers), seen);
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    @Override
    public void abort() {
        inner.abort();
    }

    @Override
    public void close() {
        inner.close();
    }
}
