package dev.regnotify.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.Format;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.ManifestPushed;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.events.TraceContext;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.wire.EnvelopeFormat;
import dev.regnotify.wire.NotificationFactory;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;

/**
 * What a receiver gets of the events' trace contexts, without OpenTelemetry in the way (a plain endpoint makes no
 * span): the headers of an envelope of one event, the CloudEvents distributed-tracing extension of each event, and
 * nothing for an event without one.
 */
class TraceHeadersTest {

    private static final EventFormat SDK = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    /**
     * Delivers the events through an endpoint of that format and batch size, queued before it starts so that its
     * envelopes are as full as the batch allows; returns the requests that came.
     */
    private static List<Receiver.Request> deliver(Format format, int maxEvents, List<RegistryEvent> events) {
        try (Receiver receiver = Receiver.start()) {
            EndpointConfig config = EndpointConfig.of("traced", receiver.url()).withFormat(format)
                    .withBatch(new BatchConfig(maxEvents, 1 << 20));
            InMemoryQueue queue = new InMemoryQueue(100);
            events.forEach(queue::offer);
            Endpoint endpoint = Endpoint.start(config, EnvelopeFormat.of(format, "com.example.registry",
                    new NotificationFactory(URI.create("https://registry.example.com"), false)), queue,
                    Executors.defaultThreadFactory());
            try {
                Polling.await(events.size() + " events received", Duration.ofSeconds(20),
                        () -> received(format, receiver.requests()) >= events.size());
            } finally {
                endpoint.close(Duration.ZERO);
            }
            return receiver.requests();
        }
    }

    /** @return how many events the requests carry, in the format's envelopes */
    private static int received(Format format, List<Receiver.Request> requests) {
        int count = 0;
        for (Receiver.Request request : requests) {
            if (format == Format.V1 || format == Format.V2) {
                count += request.events().size();
            } else {
                count += format == Format.CLOUDEVENTS_BATCH ? array(request.body()).size() : 1;
            }
        }
        return count;
    }

    @Test
    void anEnvelopeOfOneEventCarriesItsTraceAsHeaders() {
        TraceContext withState = TracedEvents.trace(0);
        TraceContext withoutState = TracedEvents.trace(1);
        List<Receiver.Request> requests = deliver(Format.V1, 1, List.of(TracedEvents.traced(0, withState),
                TracedEvents.traced(1, withoutState), Notifications.numbered(2)));
        assertEquals(3, requests.size());
        assertEquals(withState.traceparent(), requests.get(0).header("traceparent"));
        assertEquals(TracedEvents.TRACESTATE, requests.get(0).header("tracestate"));
        assertEquals(withoutState.traceparent(), requests.get(1).header("traceparent"));
        assertNull(requests.get(1).header("tracestate"), "no tracestate is sent empty");
        assertNull(requests.get(2).header("traceparent"), "an event without a trace sends none");
        assertNull(requests.get(2).header("tracestate"));
    }

    @Test
    void anEnvelopeOfSeveralEventsCarriesNoTraceHeader() {
        List<RegistryEvent> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(TracedEvents.traced(i, TracedEvents.trace(i)));
        }
        List<Receiver.Request> requests = deliver(Format.V2, 10, events);
        assertEquals(1, requests.size(), "the six in one envelope");
        assertEquals(6, requests.get(0).events().size());
        assertNull(requests.get(0).header("traceparent"));
        assertNull(requests.get(0).header("tracestate"));
    }

    @Test
    void aStructuredCloudEventCarriesTheDistributedTracingExtension() {
        TraceContext trace = TracedEvents.trace(0);
        List<Receiver.Request> requests = deliver(Format.CLOUDEVENTS, 10, List.of(TracedEvents.traced(0, trace),
                Notifications.numbered(1)));
        CloudEvent traced = SDK.deserialize(requests.get(0).body());
        assertEquals(trace.traceparent(), traced.getExtension("traceparent"));
        assertEquals(TracedEvents.TRACESTATE, traced.getExtension("tracestate"));
        assertEquals(trace.traceparent(), requests.get(0).header("traceparent"), "and the header, one event alone");
        CloudEvent untraced = SDK.deserialize(requests.get(1).body());
        assertNull(untraced.getExtension("traceparent"));
        assertNull(untraced.getExtension("tracestate"));
        assertNull(requests.get(1).header("traceparent"));
    }

    @Test
    void eachCloudEventOfABatchCarriesItsOwnTrace() {
        List<RegistryEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(i == 3 ? Notifications.numbered(i) : TracedEvents.traced(i, TracedEvents.trace(i)));
        }
        List<CloudEvent> received = new ArrayList<>();
        for (Receiver.Request request : deliver(Format.CLOUDEVENTS_BATCH, 10, events)) {
            for (JsonValue event : array(request.body())) {
                received.add(SDK.deserialize(event.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertEquals(5, received.size());
        for (int i = 0; i < 5; i++) {
            Object expected = i == 3 ? null : TracedEvents.trace(i).traceparent();
            assertEquals(expected, received.get(i).getExtension("traceparent"), "event " + i);
            Object state = i == 3 || i % 2 == 1 ? null : TracedEvents.TRACESTATE;
            assertEquals(state, received.get(i).getExtension("tracestate"), "event " + i);
        }
    }

    @Test
    void aCdEventCarriesTheDistributedTracingExtensionToo() {
        TraceContext trace = TracedEvents.trace(0);
        EventMetadata meta = new EventMetadata("cd-1", Instant.now(), RequestRecord.EMPTY, new ActorRecord("ann"),
                new SourceRecord("registry-1:5000", "i"), trace);
        Descriptor manifest = new Descriptor(MediaTypes.OCI_MANIFEST, 42, Digest.of(new byte[] {1}));
        List<Receiver.Request> requests = deliver(Format.CDEVENTS, 10, List.of(new ManifestPushed(meta,
                RepositoryName.of("team/app"), manifest, Tag.of("v1"), List.of())));
        CloudEvent event = SDK.deserialize(requests.get(0).body());
        assertEquals("dev.cdevents.artifact.published.0.3.0", event.getType());
        assertEquals(trace.traceparent(), event.getExtension("traceparent"));
        assertEquals(TracedEvents.TRACESTATE, event.getExtension("tracestate"));
        assertEquals(trace.traceparent(), requests.get(0).header("traceparent"));
    }

    private static JsonArray array(byte[] body) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            return reader.readArray();
        }
    }
}
