package dev.regnotify.tracing;

import java.lang.System.Logger.Level;

/**
 * What this class path offers for tracing: with the OpenTelemetry API on it, events take the current span's context
 * and each delivery attempt is a client span; without it, events take their {@code EventContext}'s trace context
 * alone, and attempts make no span. Decided once, by whoever assembles; the API's classes are never touched
 * without it.
 *
 * @since 0.4
 */
public final class Tracing {

    /** No OpenTelemetry: the event context's trace, no span. */
    public static final Tracing OFF = new Tracing(TraceCapture.FROM_CONTEXT, AttemptTracer.NONE);

    private static final System.Logger LOG = System.getLogger("dev.regnotify.events");
    // a class of the API that every version has, looked up without initializing it
    private static final String API_CLASS = "io.opentelemetry.api.trace.Span";

    private final TraceCapture capture;
    private final AttemptTracer attempts;

    private Tracing(TraceCapture capture, AttemptTracer attempts) {
        this.capture = capture;
        this.attempts = attempts;
    }

    /**
     * @return OpenTelemetry's when its API is on the class path of this library (its global instance, asked at each
     *         attempt), else {@link #OFF}
     */
    public static Tracing detect() {
        if (!present(Tracing.class.getClassLoader())) {
            return OFF;
        }
        try {
            OpenTelemetryTracing openTelemetry = OpenTelemetryTracing.global();
            return new Tracing(openTelemetry, openTelemetry);
        } catch (LinkageError e) {
            LOG.log(Level.WARNING, "RN-207 the OpenTelemetry API on the class path is older than 1.57, which "
                    + "regnotify needs; events take their EventContext's trace context alone and attempts make no "
                    + "span (" + e + ")");
            return OFF;
        }
    }

    /** @return whether the OpenTelemetry API can be loaded by that class loader */
    static boolean present(ClassLoader loader) {
        try {
            Class.forName(API_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @return what gives each event its trace context */
    public TraceCapture capture() {
        return capture;
    }

    /** @return what makes each delivery attempt's span */
    public AttemptTracer attempts() {
        return attempts;
    }

    /** @return whether attempts make spans */
    public boolean spans() {
        return attempts != AttemptTracer.NONE;
    }

    @Override
    public String toString() {
        return spans() ? "Tracing[OpenTelemetry]" : "Tracing[off: EventContext only]";
    }
}
