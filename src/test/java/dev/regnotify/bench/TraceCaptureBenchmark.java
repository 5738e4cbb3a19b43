package dev.regnotify.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventContext;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.TraceContext;
import dev.regnotify.tracing.TraceCapture;
import dev.regnotify.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * What tracing adds to a registry operation's path: the trace context each event takes when it is made, on the
 * operation's thread ({@link TraceCapture#capture}). {@code absent}: no OpenTelemetry on the class path and no trace in
 * the request's context (tracing off); {@code noSpan}: the OpenTelemetry API present, no current span, no trace in the
 * context (tracing off); {@code context}: the context carries a trace (as the demo's API sets it from a header);
 * {@code span}: a current span of the OpenTelemetry SDK. {@code header} reads a request's traceparent and tracestate
 * ({@link EventContext#withTrace(String, String)}), which an application does once per request that has them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TraceCaptureBenchmark {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final EventContext PLAIN = EventContext.of(new RequestRecord("bench-request", "127.0.0.1:5555",
            "localhost:5000", "PUT", "regnotify-bench/0.1"), new ActorRecord("bench"));

    @Param({"absent", "noSpan", "context", "span"})
    public String mode;

    private TraceCapture capture;
    private EventContext context;
    private SdkTracerProvider sdk;
    private Span span;
    private io.opentelemetry.context.Scope scope;

    @Setup(Level.Trial)
    public void setUp() {
        capture = mode.equals("absent") ? TraceCapture.FROM_CONTEXT : Tracing.detect().capture();
        context = mode.equals("context") ? PLAIN.withTrace(TRACEPARENT, "congo=t61rcWkgMzE") : PLAIN;
        if (mode.equals("span")) {
            // with no processor the SDK makes no span at all: one is needed for the span to be real
            sdk = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(
                    InMemorySpanExporter.create())).build();
            span = sdk.get("bench").spanBuilder("PUT /v2/bench/app/manifests/v1").startSpan();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (span != null) {
            span.end();
            sdk.close();
        }
    }

    /**
     * Makes the span current on the thread that measures (a trial's set-up may run on another), and checks that each
     * mode captures what it should, or the figure would be the one of another mode.
     */
    @Setup(Level.Iteration)
    public void makeCurrent() {
        scope = span == null ? null : span.makeCurrent();
        if (capture.capture(context).isPresent() != (mode.equals("span") || mode.equals("context"))) {
            throw new IllegalStateException("mode " + mode + " captures " + capture.capture(context));
        }
    }

    @TearDown(Level.Iteration)
    public void leave() {
        if (scope != null) {
            scope.close();
        }
    }

    @Benchmark
    public TraceContext capture() {
        return capture.capture(context);
    }

    @Benchmark
    public EventContext header() {
        return PLAIN.withTrace(TRACEPARENT, "congo=t61rcWkgMzE");
    }
}
