package dev.regnotify.tracing;

import dev.regnotify.events.EventContext;
import dev.regnotify.events.TraceContext;

/**
 * The trace context an event carries, taken on the registry operation's thread when the event is made: the current
 * OpenTelemetry span's when there is one, else the one of the {@link EventContext}. Called for every event: it must
 * cost next to nothing when there is no trace.
 *
 * @since 0.4
 */
@FunctionalInterface
public interface TraceCapture {

    /** The event context's trace alone: what a class path without OpenTelemetry gives. */
    TraceCapture FROM_CONTEXT = EventContext::trace;

    /**
     * @param context the operation's event context
     * @return the trace context of the event, or {@link TraceContext#NONE}
     */
    TraceContext capture(EventContext context);
}
