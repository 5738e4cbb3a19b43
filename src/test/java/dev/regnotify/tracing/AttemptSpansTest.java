package dev.regnotify.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.Format;
import dev.regnotify.delivery.AttemptListener;
import dev.regnotify.delivery.DeliveryException;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.Envelope;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.delivery.Sink;
import dev.regnotify.delivery.http.HttpTransport;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.events.TraceContext;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.wire.EnvelopeFormat;
import dev.regnotify.wire.NotificationFactory;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * Each attempt as a client span, as the OpenTelemetry SDK's in-memory exporter sees it, and what the receiver on
 * 127.0.0.1 gets: the span's context, in the event's trace.
 */
class AttemptSpansTest {

    private final Receiver receiver = Receiver.start();
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
    private final EndpointConfig config = EndpointConfig.of("hook", receiver.url());
    private final EndpointCounters counters = new EndpointCounters("hook", receiver.url());
    private final AttemptSpans spans = new AttemptSpans(new OpenTelemetryTracing(() -> sdk), "hook",
            receiver.url(), counters);

    @AfterEach
    void stop() {
        receiver.close();
        sdk.close();
    }

    private Sink transport() {
        return spans.around(HttpTransport.of(config, spans, Executors.defaultThreadFactory()));
    }

    /** An envelope of one event, as an endpoint builds it: the event's trace in its headers. */
    private static Envelope ofOne(TraceContext trace) {
        return new Envelope("{\"events\":[]}".getBytes(StandardCharsets.UTF_8), "application/json", 1, Map.of(),
                List.of(trace), 0).withTraceHeaders(trace);
    }

    private static Object attribute(SpanData span, String name) {
        return span.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    @Test
    void anAttemptIsAClientSpanChildOfTheEventsContextAndTheReceiverContinuesIt() throws Exception {
        TraceContext trace = TracedEvents.trace(0);
        try (Sink sink = transport()) {
            sink.send(ofOne(trace));
        }
        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertEquals("POST", span.getName());
        assertEquals(SpanKind.CLIENT, span.getKind());
        assertEquals(trace.traceId(), span.getTraceId());
        assertEquals(trace.parentId(), span.getParentSpanId());
        assertEquals("POST", attribute(span, "http.request.method"));
        assertEquals(200L, attribute(span, "http.response.status_code"));
        assertEquals("127.0.0.1", attribute(span, "server.address"));
        assertEquals((long) receiver.port(), attribute(span, "server.port"));
        assertEquals("hook", attribute(span, "regnotify.endpoint"));
        assertEquals(1L, attribute(span, "regnotify.events"));
        assertNull(attribute(span, "http.request.resend_count"), "a first attempt is no resend");
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());

        Receiver.Request request = receiver.requests().get(0);
        assertEquals("00-" + trace.traceId() + "-" + span.getSpanId() + "-01", request.header("traceparent"));
        assertEquals(TracedEvents.TRACESTATE, request.header("tracestate"));
        assertEquals(1, counters.successes(), "the counters still hear every attempt");
    }

    @Test
    void aRefusedAttemptIsAnErrorWithItsStatus() {
        receiver.answering(n -> Receiver.Answer.refusal(503, "busy"));
        try (Sink sink = transport()) {
            assertThrows(DeliveryException.class, () -> sink.send(ofOne(TracedEvents.trace(1))));
        }
        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertEquals(503L, attribute(span, "http.response.status_code"));
        assertEquals("503", attribute(span, "error.type"));
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertEquals(1, counters.failures());
    }

    /** The attempt log hears the receiver's answer through the traced sink, as through the transport alone. */
    @Test
    void theReceiversAnswerReachesWhoAskedForIt() {
        receiver.answering(n -> Receiver.Answer.refusal(503, "scanner busy"));
        List<AttemptListener.Answer> heard = new ArrayList<>();
        AttemptListener log = new AttemptListener() {
            @Override
            public void succeeded(int status, int events) {
            }

            @Override
            public void failed(int status, int events) {
            }

            @Override
            public void errored(int events) {
            }

            @Override
            public void answered(AttemptListener.Answer answer) {
                heard.add(answer);
            }
        };
        try (Sink sink = transport()) {
            assertThrows(DeliveryException.class, () -> sink.send(ofOne(TracedEvents.trace(3)), log));
        }
        assertEquals(1, heard.size(), "one attempt, one answer");
        assertEquals(503, heard.get(0).status());
        assertEquals("scanner busy", heard.get(0).body());
    }

    @Test
    void anAttemptWithoutAnAnswerIsAnErrorOfItsCause() {
        receiver.close();
        try (Sink sink = transport()) {
            assertThrows(DeliveryException.class, () -> sink.send(ofOne(TracedEvents.trace(2))));
        }
        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertNull(attribute(span, "http.response.status_code"));
        assertTrue(String.valueOf(attribute(span, "error.type")).contains("Exception"), span.toString());
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertTrue(span.getStatus().getDescription().contains("127.0.0.1"), span.getStatus().getDescription());
    }

    @Test
    void anEnvelopeWithoutTraceIsARootSpanAndSendsNoContext() throws Exception {
        try (Sink sink = transport()) {
            sink.send(new Envelope("{\"events\":[]}".getBytes(StandardCharsets.UTF_8), "application/json", 1,
                    Map.of()));
        }
        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertFalse(span.getParentSpanContext().isValid(), "no parent");
        assertNull(receiver.requests().get(0).header("traceparent"), "nothing sent without a context");
    }

    /** Through an endpoint: its retrying sender counts the resends, and a batch links to each event's context. */
    @Test
    void retriesCountTheirResendsAndABatchLinksToEachEvent() {
        receiver.answering(n -> n == 1 ? Receiver.Answer.status(500) : Receiver.Answer.status(200));
        EndpointConfig batched = config.withBatch(new BatchConfig(10, 1 << 20));
        InMemoryQueue queue = new InMemoryQueue(10);
        List<TraceContext> traces = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            traces.add(TracedEvents.trace(i));
            queue.offer(TracedEvents.traced(i, traces.get(i)));
        }
        Endpoint endpoint = Endpoint.start(batched, EnvelopeFormat.of(Format.V1, "x", new NotificationFactory(null,
                false)), queue, Executors.defaultThreadFactory(), counters, transport(), null, DeliveryListener.NONE);
        try {
            Polling.await("two attempts' spans", Duration.ofSeconds(20),
                    () -> exporter.getFinishedSpanItems().size() >= 2);
        } finally {
            endpoint.close(Duration.ZERO);
        }
        List<SpanData> attempts = exporter.getFinishedSpanItems();
        assertEquals(500L, attribute(attempts.get(0), "http.response.status_code"));
        assertNull(attribute(attempts.get(0), "http.request.resend_count"));
        assertEquals(1L, attribute(attempts.get(1), "http.request.resend_count"));
        assertEquals(200L, attribute(attempts.get(1), "http.response.status_code"));
        for (SpanData attempt : attempts) {
            assertEquals(3L, attribute(attempt, "regnotify.events"));
            assertFalse(attempt.getParentSpanContext().isValid(), "a batch has no one parent");
            assertNotEquals(traces.get(0).traceId(), attempt.getTraceId());
            List<String> linked = attempt.getLinks().stream().map(LinkData::getSpanContext)
                    .map(c -> c.getTraceId() + "-" + c.getSpanId()).toList();
            assertEquals(traces.stream().map(t -> t.traceId() + "-" + t.parentId()).toList(), linked);
        }
        assertNull(receiver.requests().get(1).header("traceparent"), "a batch sends no trace header");
    }

    @Test
    void aTracerThatFailsCostsTheAttemptItsSpanOnly() throws Exception {
        AttemptSpans failing = new AttemptSpans((r, events, resends, parent, links) -> {
            throw new IllegalStateException("broken tracer");
        }, "hook", receiver.url(), counters);
        TraceContext trace = TracedEvents.trace(4);
        try (Sink sink = failing.around(HttpTransport.of(config, failing, Executors.defaultThreadFactory()))) {
            sink.send(ofOne(trace));
        }
        assertEquals(trace.traceparent(), receiver.requests().get(0).header("traceparent"),
                "the receiver gets the event's own context");
        assertEquals(1, counters.successes());
    }

}
