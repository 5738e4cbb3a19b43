package dev.regnotify.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.regnotify.events.TraceContext;
import dev.regnotify.testing.ChildJvm;
import dev.regnotify.testing.Receiver;

/**
 * The OpenTelemetry API is an optional dependency: a JVM whose class path lacks it runs the library in Weld SE, and
 * the trace context of the request's {@code EventContext} still reaches the receiver.
 */
class WithoutOpenTelemetryTest {

    @Test
    void theLibraryRunsWithoutTheApiAndSendsTheEventContextsTrace() throws Exception {
        TraceContext trace = TracedEvents.trace(3);
        try (Receiver receiver = Receiver.start();
                ChildJvm child = ChildJvm.start(WithoutOpenTelemetryChild.class,
                        List.of(receiver.url().toString(), trace.traceparent()),
                        entry -> !entry.contains("opentelemetry"))) {
            child.awaitLine("the child closed its container", Duration.ofSeconds(60), "closed"::equals);
            List<String> lines = child.lines();
            assertTrue(lines.contains("api absent"), lines.toString());
            assertTrue(lines.contains("tracing Tracing[off: EventContext only]"), lines.toString());
            receiver.awaitAccepted(1, Duration.ofSeconds(10));
            assertEquals(trace.traceparent(), receiver.requests().get(0).header("traceparent"),
                    "no span in between: the receiver continues the request's own context");
            assertEquals("rojo=1", receiver.requests().get(0).header("tracestate"));
        }
    }
}
