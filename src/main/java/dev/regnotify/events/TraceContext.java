package dev.regnotify.events;

import java.util.Objects;

/**
 * The W3C Trace Context of the operation that caused an event: its {@code traceparent} and {@code tracestate}, as
 * the HTTP headers of the same names carry them (https://www.w3.org/TR/trace-context/). A webhook that carries one
 * event sends them as its own headers, and CloudEvents carry them as the distributed-tracing extension, so that a
 * receiver continues the registry request's trace.
 *
 * <p>The constructor is strict, for values this library or its application made; {@link #parse} is lenient, for
 * values from outside (a request's headers): what is invalid there is ignored with a log line ({@code RN-206}) and
 * never fails the operation.
 *
 * @param traceparent {@code 00-<trace-id>-<parent-id>-<trace-flags>}: 32, 16 and 2 lowercase hex digits, the ids
 *        not all zeros; empty for {@link #NONE}
 * @param tracestate the vendors' list that goes with it ({@code key=value,...}), or empty
 * @since 0.4
 */
public record TraceContext(String traceparent, String tracestate) {

    /** No trace: nothing is sent. */
    public static final TraceContext NONE = new TraceContext("", "");

    /**
     * @throws IllegalArgumentException naming the value and what a traceparent or tracestate must be
     */
    public TraceContext {
        Objects.requireNonNull(traceparent, "traceparent");
        Objects.requireNonNull(tracestate, "tracestate");
        if (traceparent.isEmpty()) {
            if (!tracestate.isEmpty()) {
                throw new IllegalArgumentException("a tracestate (\"" + tracestate + "\") needs a traceparent");
            }
        } else {
            String problem = TraceHeaders.traceparentProblem(traceparent);
            if (problem != null || traceparent.length() != TraceHeaders.TRACEPARENT_LENGTH
                    || !traceparent.startsWith("00-")) {
                throw new IllegalArgumentException("traceparent \"" + traceparent + "\" is not "
                        + TraceHeaders.TRACEPARENT_FORM + (problem == null ? "" : ": " + problem));
            }
            String stateProblem = TraceHeaders.tracestateProblem(tracestate);
            if (stateProblem != null) {
                throw new IllegalArgumentException("tracestate \"" + tracestate + "\" is not a W3C tracestate: "
                        + stateProblem);
            }
        }
    }

    /**
     * Reads the headers of a request. An invalid {@code traceparent} is ignored (the event carries no trace), an
     * invalid {@code tracestate} too (the traceparent is kept, as the W3C says); each is logged ({@code RN-206}), the
     * first at once and the next ones at most once a minute with how many there were. A traceparent of a later
     * version than {@code 00} is read as the specification says, and kept as version {@code 00}.
     *
     * @param traceparent the header's value, or null
     * @param tracestate the header's value, or null
     * @return the trace context, or {@link #NONE}
     */
    public static TraceContext parse(String traceparent, String tracestate) {
        if (traceparent == null || traceparent.isBlank()) {
            return NONE;
        }
        String parent = traceparent.strip();
        String problem = TraceHeaders.traceparentProblem(parent);
        if (problem != null) {
            InvalidTraceLog.SHARED.ignored("traceparent", parent, problem);
            return NONE;
        }
        String state = tracestate == null ? "" : tracestate.strip();
        String stateProblem = TraceHeaders.tracestateProblem(state);
        if (stateProblem != null) {
            InvalidTraceLog.SHARED.ignored("tracestate", state, stateProblem);
            state = "";
        }
        return new TraceContext("00" + parent.substring(2, TraceHeaders.TRACEPARENT_LENGTH), state);
    }

    /**
     * @param traceId 32 lowercase hex digits, not all zeros
     * @param spanId 16 lowercase hex digits, not all zeros: the operation's span, the receiver's parent
     * @param sampled whether the trace is sampled (the {@code sampled} trace flag)
     * @param tracestate the vendors' list, or empty
     * @return the trace context
     * @throws IllegalArgumentException if an id is not one
     */
    public static TraceContext of(String traceId, String spanId, boolean sampled, String tracestate) {
        return new TraceContext("00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00"), tracestate);
    }

    /** @return whether there is a trace context to send */
    public boolean isPresent() {
        return !traceparent.isEmpty();
    }

    /** @return the trace id (32 hex digits), or empty */
    public String traceId() {
        return isPresent() ? traceparent.substring(3, 35) : "";
    }

    /** @return the parent id (16 hex digits): the span of the operation; or empty */
    public String parentId() {
        return isPresent() ? traceparent.substring(36, 52) : "";
    }

    /** @return whether the {@code sampled} flag is set */
    public boolean sampled() {
        return isPresent() && (Character.digit(traceparent.charAt(54), 16) & 1) == 1;
    }
}
