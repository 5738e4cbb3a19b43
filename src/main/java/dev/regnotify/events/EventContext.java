package dev.regnotify.events;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The request and actor that events carry. Set it around the code that calls a {@code @Listened} storage:
 * <pre>{@code
 * EventContext.of(new RequestRecord(requestId, clientAddr, host, "PUT", userAgent), new ActorRecord(user))
 *     .run(() -> blobs.put(repo, mediaType, bytes));
 * }</pre>
 * It is bound to the current thread for the duration of {@link #run}, {@link #supply} or {@link #call}, nests (the
 * inner one wins, the outer one is restored), and works in any container and in plain tests. A Jakarta EE application
 * can instead supply it from its request scope with an {@link EventContextSupplier} bean; a context set here takes
 * precedence. Events fired with neither carry {@link RequestRecord#EMPTY} and {@link ActorRecord#ANONYMOUS}.
 *
 * <p>The request's W3C Trace Context, when the application has its headers, goes with it:
 * <pre>{@code
 * EventContext.of(request, actor).withTrace(headers.get("traceparent"), headers.get("tracestate"))
 *     .run(() -> manifests.put(repo, manifest, tag));
 * }</pre>
 * With OpenTelemetry on the class path, the current span's context is taken instead whenever there is one.
 *
 * @param request the request that causes the events
 * @param actor who causes them
 * @param trace the request's W3C Trace Context, or {@link TraceContext#NONE} (since 0.4)
 * @since 0.1
 */
public record EventContext(RequestRecord request, ActorRecord actor, TraceContext trace) {

    /** No request, anonymous actor, no trace. */
    public static final EventContext EMPTY = new EventContext(RequestRecord.EMPTY, ActorRecord.ANONYMOUS);

    private static final ThreadLocal<EventContext> CURRENT = new ThreadLocal<>();

    /** Takes null for unknown. */
    public EventContext {
        request = Objects.requireNonNullElse(request, RequestRecord.EMPTY);
        actor = Objects.requireNonNullElse(actor, ActorRecord.ANONYMOUS);
        trace = Objects.requireNonNullElse(trace, TraceContext.NONE);
    }

    /**
     * A context without a trace, as before 0.4.
     *
     * @param request the request, or null if unknown
     * @param actor the actor, or null if unknown
     */
    public EventContext(RequestRecord request, ActorRecord actor) {
        this(request, actor, TraceContext.NONE);
    }

    /**
     * @param request the request, or null if unknown
     * @param actor the actor, or null if unknown
     * @return the context
     */
    public static EventContext of(RequestRecord request, ActorRecord actor) {
        return new EventContext(request, actor);
    }

    /**
     * This context with the trace context of a request's {@code traceparent} and {@code tracestate} headers. An
     * invalid value is ignored and logged ({@code RN-206}, {@link TraceContext#parse}); it never fails.
     *
     * @param traceparent the header's value, or null
     * @param tracestate the header's value, or null
     * @return the context with that trace
     * @since 0.4
     */
    public EventContext withTrace(String traceparent, String tracestate) {
        return withTrace(TraceContext.parse(traceparent, tracestate));
    }

    /**
     * @param trace the trace context, or null for none
     * @return this context with that trace
     * @since 0.4
     */
    public EventContext withTrace(TraceContext trace) {
        return new EventContext(request, actor, trace);
    }

    /** @return the context bound to this thread by {@link #run} or {@link #call}, or null if none is */
    public static EventContext current() {
        return CURRENT.get();
    }

    /**
     * Runs code with this context bound to the current thread.
     *
     * @param action the code that calls storage beans
     */
    public void run(Runnable action) {
        EventContext outer = CURRENT.get();
        CURRENT.set(this);
        try {
            action.run();
        } finally {
            restore(outer);
        }
    }

    /**
     * Calls code with this context bound to the current thread.
     *
     * @param action the code that calls storage beans
     * @param <T> what it returns
     * @return what the action returned
     */
    public <T> T supply(Supplier<T> action) {
        EventContext outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return action.get();
        } finally {
            restore(outer);
        }
    }

    /**
     * Calls code that throws checked exceptions with this context bound to the current thread.
     *
     * @param action the code that calls storage beans
     * @param <T> what it returns
     * @return what the action returned
     * @throws Exception what the action threw
     */
    public <T> T call(Callable<T> action) throws Exception {
        EventContext outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return action.call();
        } finally {
            restore(outer);
        }
    }

    private static void restore(EventContext outer) {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
