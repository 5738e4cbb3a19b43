package dev.regnotify.tracing;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.List;

import dev.regnotify.config.Redaction;
import dev.regnotify.delivery.AttemptListener;
import dev.regnotify.delivery.DeliveryException;
import dev.regnotify.delivery.Envelope;
import dev.regnotify.delivery.Sink;
import dev.regnotify.events.TraceContext;
import dev.regnotify.tracing.AttemptTracer.Attempt;

/**
 * Makes each attempt of an endpoint's HTTP transport a span: {@link #around} the transport, as a sink, it starts the
 * span (child of the context of the envelope's one event, or linked to each event's in a batch), sends the receiver
 * the span's context in place of the event's, and ends the span; between the transport and the endpoint's counters,
 * as their listener, it learns the status of the answer. The span of an attempt is its thread's: lanes that send at
 * once each have their own. A tracer that fails costs the attempt its span, never the attempt.
 *
 * @since 0.4
 */
public final class AttemptSpans implements AttemptListener {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private final AttemptTracer tracer;
    private final AttemptTracer.Receiver receiver;
    private final AttemptListener counters;
    private final ThreadLocal<Attempt> current = new ThreadLocal<>();

    /**
     * @param tracer what makes the spans
     * @param endpoint the endpoint's name
     * @param url where it POSTs
     * @param counters told how each attempt ended, as the transport tells this
     */
    public AttemptSpans(AttemptTracer tracer, String endpoint, URI url, AttemptListener counters) {
        this.tracer = tracer;
        this.receiver = new AttemptTracer.Receiver(endpoint, url.getHost(), port(url), Redaction.url(url));
        this.counters = counters;
    }

    private static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /**
     * @param transport the endpoint's transport, made with this as its listener
     * @return the transport whose attempts are spans
     */
    public Sink around(Sink transport) {
        return new TracedSink(transport);
    }

    @Override
    public void succeeded(int status, int events) {
        counters.succeeded(status, events);
        answered(status);
    }

    @Override
    public void failed(int status, int events) {
        counters.failed(status, events);
        answered(status);
    }

    @Override
    public void errored(int events) {
        counters.errored(events);
    }

    private void answered(int status) {
        Attempt attempt = current.get();
        if (attempt != null) {
            attempt.answered(status);
        }
    }

    private Attempt start(Envelope envelope, TraceContext parent) {
        try {
            List<TraceContext> links = envelope.events() > 1 ? envelope.traces() : List.of();
            return tracer.start(receiver, envelope.events(), envelope.resends(), parent, links);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RN-390 endpoint " + receiver.endpoint() + ": the span of an attempt could not be "
                    + "made; the attempt goes without it", e);
            return Attempt.NONE;
        }
    }

    /** @return what the receiver continues: the attempt's span, or the event's context if the span has none */
    private TraceContext continued(Attempt attempt, TraceContext parent) {
        try {
            TraceContext span = attempt.context();
            return span.isPresent() ? span : parent;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RN-390 endpoint " + receiver.endpoint() + ": the context of an attempt's span "
                    + "could not be read; the receiver gets the event's", e);
            return parent;
        }
    }

    private void end(Attempt attempt, Throwable failure) {
        try {
            attempt.end(failure);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RN-390 endpoint " + receiver.endpoint() + ": the span of an attempt could not be "
                    + "ended", e);
        }
    }

    /** The transport, each of whose attempts is a span. */
    private final class TracedSink implements Sink {

        private final Sink inner;

        TracedSink(Sink inner) {
            this.inner = inner;
        }

        @Override
        public void send(Envelope envelope) throws DeliveryException, InterruptedException {
            send(envelope, AttemptListener.NONE);
        }

        /** Passes on who hears the answer (the attempt log), as every sink between it and the transport does. */
        @Override
        public void send(Envelope envelope, AttemptListener seen) throws DeliveryException, InterruptedException {
            TraceContext parent = envelope.events() == 1 && envelope.traces().size() == 1 ? envelope.traces().get(0)
                    : TraceContext.NONE;
            Attempt attempt = start(envelope, parent);
            TraceContext sent = parent.isPresent() ? continued(attempt, parent) : parent;
            current.set(attempt);
            Throwable failure = null;
            try {
                inner.send(parent.isPresent() ? envelope.withTraceHeaders(sent) : envelope, seen);
            } catch (DeliveryException | InterruptedException | RuntimeException | Error e) {
                failure = e;
                throw e;
            } finally {
                current.remove();
                end(attempt, failure);
            }
        }

        @Override
        public void abort() {
            inner.abort();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
