package dev.regnotify.delivery.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.delivery.metrics.JmxRegistration;
import dev.regnotify.delivery.metrics.MetricsSnapshot;
import dev.regnotify.delivery.metrics.PrometheusText;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/** Webhook URLs carry their secret in the path or the query: counters, snapshots and failures show neither. */
class UrlRedactionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final Closer closer = new Closer();

    /** A Slack-style URL (the path is the secret) and a bare {@code ?TOKEN} query, on a port where nobody listens. */
    private static List<URI> secretUrls() {
        int port = Receiver.freePort();
        return List.of(URI.create("http://127.0.0.1:" + port + "/services/T0000SECRET/B0000SECRET/XXXXSECRET"),
                URI.create("http://127.0.0.1:" + port + "/hook?TOKENSECRET"));
    }

    private Endpoint start(EndpointConfig config) {
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(),
                new NotificationFactory(null, false)), new InMemoryQueue(100), Executors.defaultThreadFactory());
        closer.keep(() -> endpoint.close(Duration.ZERO));
        return endpoint;
    }

    @Test
    void jmxUrlSnapshotAndPrometheusTextShowNeitherPathNorQuery() throws Exception {
        List<URI> urls = secretUrls();
        List<Endpoint> endpoints = List.of(start(EndpointConfig.of("redaction-slack", urls.get(0))),
                start(EndpointConfig.of("token", urls.get(1))));
        assertEquals("http://127.0.0.1:" + urls.get(0).getPort() + "/<redacted>", endpoints.get(0).metrics().getUrl());
        assertEquals("http://127.0.0.1:" + urls.get(1).getPort() + "/<redacted>?<redacted>",
                endpoints.get(1).metrics().getUrl());
        StringBuilder prometheus = new StringBuilder();
        PrometheusText.write(endpoints.stream().map(Endpoint::metrics).toList(), 0, prometheus);
        StringBuilder shown = new StringBuilder(MetricsSnapshot.json(endpoints.stream().map(e -> new MetricsSnapshot.Row(e.config(), e.metrics())).toList())).append(prometheus);
        assertTrue(JmxRegistration.register(endpoints.get(0).metrics()));
        try {
            shown.append(ManagementFactory.getPlatformMBeanServer().getAttribute(
                    JmxRegistration.objectName("redaction-slack"), "Url"));
        } finally {
            JmxRegistration.unregister("redaction-slack");
        }
        for (Endpoint endpoint : endpoints) {
            shown.append(endpoint).append(endpoint.metrics()).append(endpoint.config());
        }
        assertTrue(shown.toString().contains("/<redacted>"), shown::toString);
        assertFalse(shown.toString().contains("SECRET"), shown::toString);
    }

    @Test
    void aRedirectsLocationIsNamedWithoutItsPathOrQuery() {
        for (URI secret : secretUrls()) {
            Receiver receiver = closer.keep(Receiver.start().answering(n -> n <= 1
                    ? Answer.redirect(secret.toString()) : Answer.status(204)));
            try (LogCapture log = LogCapture.start()) {
                Endpoint endpoint = start(EndpointConfig.of("moved", receiver.url())
                        .withRetry(Duration.ofMillis(500), 10, Duration.ofMillis(20)));
                endpoint.offer(Notifications.numbered(0));
                receiver.awaitAccepted(1, WAIT);
                Polling.await("the success is counted", () -> endpoint.metrics().getSuccesses() == 1);
                List<String> failed = log.containing("RN-302");
                assertEquals(1, failed.size(), log.lines()::toString);
                assertTrue(failed.get(0).contains("302 Found to http://127.0.0.1:" + secret.getPort() + "/<redacted>"),
                        failed.get(0));
                assertFalse(log.lines().toString().contains("SECRET"), log.lines()::toString);
            }
        }
    }
}
