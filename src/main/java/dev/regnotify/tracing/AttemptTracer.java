package dev.regnotify.tracing;

import java.util.List;

import dev.regnotify.events.TraceContext;

/**
 * Makes the span of one delivery attempt: a client span named {@code POST}, child of the producing operation's
 * context, or linked to each event's context.
 *
 * @since 0.4
 */
public interface AttemptTracer {

    /** Makes no span: what a class path without OpenTelemetry gives. */
    AttemptTracer NONE = (receiver, events, resends, parent, links) -> Attempt.NONE;

    /**
     * Where an endpoint's attempts go, as their spans name it.
     *
     * @param endpoint the endpoint's name
     * @param host the receiver's host
     * @param port the receiver's port
     * @param url the receiver's URL, with what may be secret in it redacted
     */
    record Receiver(String endpoint, String host, int port, String url) {
    }

    /** One attempt's span, from its start to its end on the thread that makes the attempt. */
    interface Attempt {

        /** No span. */
        Attempt NONE = new Attempt() {
            @Override
            public TraceContext context() {
                return TraceContext.NONE;
            }

            @Override
            public void answered(int status) {
            }

            @Override
            public void end(Throwable failure) {
            }
        };

        /** @return the span's own context, which the receiver continues; {@link TraceContext#NONE} if it has none */
        TraceContext context();

        /** @param status the status of the receiver's answer */
        void answered(int status);

        /** @param failure why the attempt got no answer or was refused, or null if it was accepted */
        void end(Throwable failure);
    }

    /**
     * @param receiver where the attempt goes
     * @param events how many events the envelope carries
     * @param resends how many times the envelope was sent before
     * @param parent the context of the operation that produced its one event, or {@link TraceContext#NONE}
     * @param links the contexts of its events, when it carries several
     * @return the started span
     */
    Attempt start(Receiver receiver, int events, int resends, TraceContext parent, List<TraceContext> links);
}
