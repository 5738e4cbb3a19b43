package dev.regnotify.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.Format;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.JsonDocs;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;

/** CloudEvents 1.0, structured and batch, as an endpoint sends them: the CloudEvents SDK parses what arrives. */
class CloudEventsTest {

    private static final EventFormat SDK = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private static List<Receiver.Request> deliver(Format format, int events) {
        try (Receiver receiver = Receiver.start()) {
            EndpointConfig config = EndpointConfig.of("ce", receiver.url()).withFormat(format)
                    .withBatch(new BatchConfig(10, 1 << 20));
            Endpoint endpoint = Endpoint.start(config, EnvelopeFormat.of(format, "com.example.registry",
                    new NotificationFactory(URI.create("https://registry.example.com"), false)),
                    new InMemoryQueue(100), Executors.defaultThreadFactory());
            try {
                for (int i = 0; i < events; i++) {
                    endpoint.offer(Notifications.pushedTo(i, RepositoryName.of("team/app")));
                }
                Polling.await(events + " CloudEvents received", Duration.ofSeconds(20),
                        () -> received(receiver.requests()) >= events);
            } finally {
                endpoint.close(Duration.ZERO);
            }
            return receiver.requests();
        }
    }

    /** @return how many events the requests carry: one each, or as many as their arrays hold */
    private static int received(List<Receiver.Request> requests) {
        int count = 0;
        for (Receiver.Request request : requests) {
            count += request.body()[0] == '[' ? array(request).size() : 1;
        }
        return count;
    }

    private static JsonArray array(Receiver.Request request) {
        try (var reader = jakarta.json.Json.createReader(new java.io.ByteArrayInputStream(request.body()))) {
            return reader.readArray();
        }
    }

    private static void assertTheEvent(CloudEvent event, int n) {
        assertEquals("1.0", event.getSpecVersion().toString());
        assertEquals(Notifications.id(n), event.getId());
        assertEquals("com.example.registry.blob.pushed", event.getType());
        assertEquals("src", event.getSource().toString());
        assertEquals("team/app@sha256:" + "0".repeat(64), event.getSubject());
        assertEquals("application/json", event.getDataContentType());
        assertTrue(event.getTime() != null);
        String data = new String(event.getData().toBytes(), StandardCharsets.UTF_8);
        assertEquals("push", JsonDocs.parse(data).getString("action"), data);
        assertEquals(Notifications.id(n), JsonDocs.parse(data).getString("id"), "data is the distribution event");
    }

    @Test
    void structuredModeSendsOneCloudEventPerRequest() {
        List<Receiver.Request> requests = deliver(Format.CLOUDEVENTS, 3);
        assertEquals(3, requests.size(), "one event per request, whatever the batch limits");
        for (int i = 0; i < 3; i++) {
            assertEquals("application/cloudevents+json", requests.get(i).header("Content-Type"));
            assertTheEvent(SDK.deserialize(requests.get(i).body()), i);
        }
    }

    @Test
    void batchModeSendsArraysOfCloudEvents() {
        List<Receiver.Request> requests = deliver(Format.CLOUDEVENTS_BATCH, 5);
        List<CloudEvent> events = new ArrayList<>();
        for (Receiver.Request request : requests) {
            assertEquals("application/cloudevents-batch+json", request.header("Content-Type"));
            for (JsonValue event : array(request)) {
                events.add(SDK.deserialize(event.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertEquals(5, events.size());
        for (int i = 0; i < 5; i++) {
            assertTheEvent(events.get(i), i);
        }
    }

    @Test
    void typesNameTheFamilyAndTheAction() {
        assertEquals("blob.pushed", CloudEventsFormat.type(Notifications.numbered(0)));
        assertEquals("blob.deleted", CloudEventsFormat.type(Notifications.of(1, "delete", "")));
        assertEquals("blob.mounted", CloudEventsFormat.type(Notifications.of(2, "mount", "x/y")));
    }
}
