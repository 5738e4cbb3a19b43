package dev.regnotify.tracing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

import dev.regnotify.events.EventContext;
import dev.regnotify.events.TraceContext;

/**
 * The only class of the library that uses the OpenTelemetry API, an optional dependency: {@link Tracing} loads it
 * only when the API is on the class path. It reads the current span's context for an event, and makes each delivery
 * attempt a client span with the HTTP semantic conventions' attributes. The W3C headers are read and written by the
 * API's own propagator. Thread-safe.
 */
final class OpenTelemetryTracing implements TraceCapture, AttemptTracer {

    static final String SCOPE = "dev.regnotify";
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<Long> RESENDS = AttributeKey.longKey("http.request.resend_count");
    static final AttributeKey<String> ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("regnotify.endpoint");
    static final AttributeKey<Long> EVENTS = AttributeKey.longKey("regnotify.events");

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapSetter<Map<String, String>> SETTER = Map::put;
    private static final TextMapGetter<TraceContext> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(TraceContext carrier, String key) {
            if (carrier == null) {
                return null;
            }
            String value = key.equals("traceparent") ? carrier.traceparent()
                    : key.equals("tracestate") ? carrier.tracestate() : "";
            return value.isEmpty() ? null : value;
        }
    };

    private final Supplier<OpenTelemetry> openTelemetry;

    /** @param openTelemetry asked at every attempt, so that an SDK installed after the start is used */
    OpenTelemetryTracing(Supplier<OpenTelemetry> openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    /**
     * The global instance, asked at each attempt without installing one (the API's {@code get} would install a
     * no-op for good, and an application that sets its SDK later would fail).
     *
     * @throws LinkageError if the API on the class path is older than this library needs
     */
    static OpenTelemetryTracing global() {
        GlobalOpenTelemetry.getOrNoop();
        return new OpenTelemetryTracing(GlobalOpenTelemetry::getOrNoop);
    }

    @Override
    public TraceContext capture(EventContext context) {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return context.trace();
        }
        // written here rather than by the propagator: no map, no parse, on the registry operation's thread
        String traceparent = "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
        if (span.getTraceState().isEmpty()) {
            return new TraceContext(traceparent, "");
        }
        StringBuilder tracestate = new StringBuilder();
        span.getTraceState().forEach((key, value) -> tracestate.append(tracestate.length() == 0 ? "" : ",")
                .append(key).append('=').append(value));
        return TraceContext.parse(traceparent, tracestate.toString());
    }

    @Override
    public Attempt start(Receiver receiver, int events, int resends, TraceContext parent, List<TraceContext> links) {
        SpanBuilder builder = openTelemetry.get().getTracer(SCOPE).spanBuilder("POST")
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent.isPresent() ? W3C.extract(Context.root(), parent, GETTER) : Context.root())
                .setAttribute(METHOD, "POST")
                .setAttribute(ADDRESS, receiver.host())
                .setAttribute(PORT, (long) receiver.port())
                .setAttribute(URL, receiver.url())
                .setAttribute(ENDPOINT, receiver.endpoint())
                .setAttribute(EVENTS, (long) events);
        if (resends > 0) {
            builder.setAttribute(RESENDS, (long) resends);
        }
        for (TraceContext link : links) {
            SpanContext linked = Span.fromContext(W3C.extract(Context.root(), link, GETTER)).getSpanContext();
            if (linked.isValid()) {
                builder.addLink(linked);
            }
        }
        return new SpanAttempt(builder.startSpan());
    }

    private static TraceContext traceOf(Context context) {
        Map<String, String> headers = new HashMap<>(4);
        W3C.inject(context, headers, SETTER);
        return TraceContext.parse(headers.get("traceparent"), headers.get("tracestate"));
    }

    /** An attempt's span: its status and error from the answer, or from the failure when none came. */
    private static final class SpanAttempt implements Attempt {

        private final Span span;
        private boolean answered;

        SpanAttempt(Span span) {
            this.span = span;
        }

        @Override
        public TraceContext context() {
            return span.getSpanContext().isValid() ? traceOf(Context.root().with(span)) : TraceContext.NONE;
        }

        @Override
        public void answered(int status) {
            answered = true;
            span.setAttribute(STATUS, (long) status);
            if (status < 200 || status >= 300) {
                // a client span's error, as the HTTP semantic conventions say, the status its type; a redirect too,
                // which is not followed here: the delivery failed
                span.setAttribute(ERROR, Integer.toString(status));
                span.setStatus(StatusCode.ERROR);
            }
        }

        @Override
        public void end(Throwable failure) {
            if (failure != null && !answered) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                span.setAttribute(ERROR, cause.getClass().getName());
                span.setStatus(StatusCode.ERROR, failure.getMessage());
            }
            span.end();
        }
    }
}
