package dev.regnotify.delivery.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.Format;
import dev.regnotify.config.IgnoreConfig;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.testing.JsonDocs;
import dev.regnotify.testing.Notifications;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

class MetricsSnapshotTest {

    @Test
    void snapshotHasTheShapeOfDistributionsExpvarWithHeadersRedacted() throws Exception {
        EndpointConfig config = EndpointConfig.of("local-8083", URI.create("http://localhost:8083/callback"))
                .withHeaders(Map.of("Authorization", List.of("Bearer <tok>")))
                .withRetry(Duration.ofMillis(500), 10, Duration.ofSeconds(1))
                .withIgnore(new IgnoreConfig(Set.of(), Set.of("pull")));
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(Format.V1, new NotificationFactory(null, false)), new InMemoryQueue(1000),
                Executors.defaultThreadFactory());
        try {
            var expected = JsonDocs.resource("/reference/distribution-v3-expvar-endpoints.json");
            var actual = JsonDocs.parse(MetricsSnapshot.json(List.of(new MetricsSnapshot.Row(endpoint.config(), endpoint.metrics()))));
            JsonDocs.assertSameShape(expected.asJsonObject().get("notifications"), actual.get("notifications"),
                    Set.of("Authorization", "url"), "expvar"); // distribution shows the URL's path, we do not
            assertEquals(List.of("notifications", "regnotify"), List.copyOf(actual.keySet()));
            assertEquals("{\"name\":\"local-8083\",\"Dropped\":0,\"Skipped\":0,\"Attempts\":0,\"DeadLettered\":0,"
                    + "\"DeadLetters\":0,\"Replayed\":0,\"Disabled\":false}", actual.getJsonObject("regnotify")
                    .getJsonArray("endpoints").getJsonObject(0).toString());
            assertEquals("http://localhost:8083/<redacted>", actual.getJsonObject("notifications")
                    .getJsonArray("endpoints").getJsonObject(0).getString("url"));
            assertEquals("<redacted>", actual.getJsonObject("notifications").getJsonArray("endpoints")
                    .getJsonObject(0).getJsonObject("Headers").getJsonArray("Authorization").getString(0));
        } finally {
            endpoint.close(Duration.ZERO);
        }
    }

    @Test
    void metricsAreRegisteredInJmxAndUserInfoIsLeftOutOfTheUrl() throws Exception {
        // a receiver that nothing answers on: the events stay queued
        EndpointConfig config = EndpointConfig.of("jmx-test", URI.create("https://user:pw@127.0.0.1:9/x"));
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(Format.V1,
                new NotificationFactory(null, false)), new InMemoryQueue(1000), Executors.defaultThreadFactory());
        ObjectName name = new ObjectName("dev.regnotify:type=Endpoint,name=jmx-test");
        try {
            assertEquals("https://127.0.0.1:9/<redacted>", endpoint.metrics().getUrl());
            for (int i = 0; i < 3; i++) {
                endpoint.offer(Notifications.numbered(i));
            }
            assertTrue(JmxRegistration.register(endpoint.metrics()));
            assertEquals(3L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Events"));
            assertTrue(!JmxRegistration.register(endpoint.metrics()), "a second registration is refused");
        } finally {
            JmxRegistration.unregister("jmx-test");
            endpoint.close(Duration.ZERO);
        }
        assertTrue(!ManagementFactory.getPlatformMBeanServer().isRegistered(name));
        assertEquals("dev.regnotify:type=Endpoint,name=\"a,b\"", JmxRegistration.objectName("a,b").toString());
    }
}
