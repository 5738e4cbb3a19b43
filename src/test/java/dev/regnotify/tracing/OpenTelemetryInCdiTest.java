package dev.regnotify.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventContext;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.TraceContext;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.ProducedConfig;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Recorder;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * A registry operation in Weld SE, with the OpenTelemetry SDK installed as the global instance: the event takes the
 * operation's span, else its {@code EventContext}'s trace, and the receiver on 127.0.0.1 continues the trace through
 * the attempt's client span; without either, nothing is sent.
 */
class OpenTelemetryInCdiTest {

    private static final RepositoryName REPO = RepositoryName.of("traced/app");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
    private Receiver receiver;
    private WeldContainer container;
    private BlobStore blobs;

    @BeforeEach
    void start() {
        GlobalOpenTelemetry.resetForTest(); // another test's library may have asked for the global one already
        GlobalOpenTelemetry.set(sdk);
        receiver = Receiver.start();
        ProducedConfig.next = RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of("traced", receiver.url()));
        container = Containers.weld(Containers.withMemoryStorage()).addBeanClasses(ProducedConfig.class).initialize();
        blobs = container.select(BlobStore.class).get();
    }

    @AfterEach
    void stop() {
        container.close();
        receiver.close();
        GlobalOpenTelemetry.resetForTest();
        sdk.close();
    }

    private Descriptor push(String content) {
        return blobs.put(REPO, MediaTypes.OCTET_STREAM, Images.bytes(content));
    }

    private RegistryEvent recorded() {
        return container.select(Recorder.class).get().events().get(0);
    }

    /** @return the attempt's span, once it ended */
    private SpanData attemptSpan() {
        Polling.await("the attempt's span", WAIT, () -> exporter.getFinishedSpanItems().stream()
                .anyMatch(span -> span.getKind() == SpanKind.CLIENT));
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getKind() == SpanKind.CLIENT)
                .findFirst().orElseThrow();
    }

    @Test
    void aPushInsideASpanReachesTheReceiverInThatTrace() {
        Span operation = sdk.getTracer("registry").spanBuilder("PUT /v2/traced/app/blobs/uploads").startSpan();
        try (Scope scope = operation.makeCurrent()) {
            push("in a span");
        } finally {
            operation.end();
        }
        String traceId = operation.getSpanContext().getTraceId();
        assertEquals(traceId, recorded().trace().traceId(), "the event took the current span");
        assertEquals(operation.getSpanContext().getSpanId(), recorded().trace().parentId());

        receiver.awaitAccepted(1, WAIT);
        SpanData attempt = attemptSpan();
        assertEquals("POST", attempt.getName());
        assertEquals(traceId, attempt.getTraceId());
        assertEquals(operation.getSpanContext().getSpanId(), attempt.getParentSpanId());
        assertEquals("00-" + traceId + "-" + attempt.getSpanId() + "-"
                + attempt.getSpanContext().getTraceFlags().asHex(), receiver.requests().get(0).header("traceparent"),
                "the receiver's parent is the attempt");
    }

    @Test
    void withoutASpanTheEventContextsTraceIsContinued() {
        TraceContext trace = TracedEvents.trace(7);
        EventContext.of(new RequestRecord("r1", "", "", "PUT", "test"), new ActorRecord("ann"))
                .withTrace(trace.traceparent(), "rojo=1").supply(() -> push("from the request's headers"));
        assertEquals(trace.traceparent(), recorded().trace().traceparent());

        receiver.awaitAccepted(1, WAIT);
        SpanData attempt = attemptSpan();
        assertEquals(trace.traceId(), attempt.getTraceId());
        assertEquals(trace.parentId(), attempt.getParentSpanId());
        Receiver.Request request = receiver.requests().get(0);
        assertEquals("00-" + trace.traceId() + "-" + attempt.getSpanId() + "-01", request.header("traceparent"));
        assertEquals("rojo=1", request.header("tracestate"));
    }

    @Test
    void withNoContextNothingIsSent() {
        push("no trace");
        assertEquals(TraceContext.NONE, recorded().trace());
        receiver.awaitAccepted(1, WAIT);
        assertFalse(attemptSpan().getParentSpanContext().isValid(), "the attempt's span starts a trace of its own");
        assertNull(receiver.requests().get(0).header("traceparent"));
        assertNull(receiver.requests().get(0).header("tracestate"));
    }

    @Test
    void anInvalidTraceparentIsIgnoredAndTheOperationSucceeds() {
        Descriptor pushed = EventContext.of(null, null).withTrace("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01",
                null).supply(() -> push("bad header"));
        assertEquals("bad header".length(), pushed.size());
        receiver.awaitAccepted(1, WAIT);
        assertEquals(List.of(), receiver.requests().stream().map(r -> r.header("traceparent"))
                .filter(h -> h != null).toList());
    }
}
