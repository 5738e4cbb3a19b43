package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.TraceContext;
import dev.regnotify.wire.EnvelopeFormat;

/**
 * Builds envelopes from a source of events, in order, within the batch limits: up to {@code maxevents} events and
 * {@code maxbytes} of encoded events (one larger event still goes, alone). An event that does not fit is carried to
 * the next envelope. An event that cannot be encoded is logged and counted as consumed, never retried; one that the
 * format has no shape for ({@link EnvelopeFormat#carries}) is counted as skipped and consumed, never sent. A source
 * that fails after the first event of an envelope (a journal read that fails) ends the envelope there: the events it
 * gave go out and are acknowledged, and the failure comes again at the next poll, where it is the caller's. Owned by
 * one thread.
 */
final class EnvelopeBuilder {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    /** Where events come from: a queue, or a lane's share of one. */
    interface Source {
        /** @return the next event, waiting up to {@code wait}, or null if none arrived */
        RegistryEvent poll(Duration wait) throws InterruptedException;

        /** @return the next event if one is waiting, or null */
        RegistryEvent poll();
    }

    /**
     * One envelope's worth of events.
     *
     * @param events the events to send, in order
     * @param encoded each event encoded, in the same order
     * @param consumed how many events it took from the source, the oldest first (skipped ones included)
     */
    record Batch(List<RegistryEvent> events, List<byte[]> encoded, int consumed) {

        /** @return whether none of its events could be encoded: nothing to send */
        boolean isEmpty() {
            return events.isEmpty();
        }

        /** @return the events from {@code from} (inclusive) to {@code to} (exclusive), as a batch of their own */
        Batch part(int from, int to) {
            return new Batch(events.subList(from, to), encoded.subList(from, to), to - from);
        }
    }

    private final EnvelopeFormat format;
    private final BatchConfig limits;
    private final String endpoint;
    private final Runnable skipped;
    private RegistryEvent carried;
    private byte[] carriedEncoded;

    /** A builder that counts no skipped event. */
    EnvelopeBuilder(EnvelopeFormat format, BatchConfig limits, String endpoint) {
        this(format, limits, endpoint, () -> { });
    }

    /** @param skipped told of each event the format has no shape for, on the thread that builds */
    EnvelopeBuilder(EnvelopeFormat format, BatchConfig limits, String endpoint, Runnable skipped) {
        this.format = format;
        this.limits = limits;
        this.endpoint = endpoint;
        this.skipped = skipped;
    }

    /**
     * @param source where the events come from
     * @param wait how long to wait for a first event
     * @return the next batch, or null if no event arrived in time
     */
    Batch next(Source source, Duration wait) throws InterruptedException {
        List<RegistryEvent> events = new ArrayList<>();
        List<byte[]> encodedEvents = new ArrayList<>();
        int consumed = 0;
        long bytes = format.overhead();
        if (carried != null) {
            events.add(carried);
            encodedEvents.add(carriedEncoded);
            bytes += carriedEncoded.length;
            consumed++;
            carried = null;
            carriedEncoded = null;
        } else {
            RegistryEvent first = source.poll(wait);
            if (first == null) {
                return null;
            }
            consumed++;
            byte[] encoded = encode(first);
            if (encoded != null) {
                events.add(first);
                encodedEvents.add(encoded);
                bytes += encoded.length;
            }
        }
        int maxEvents = format.batches() ? limits.maxEvents() : 1;
        while (events.size() < maxEvents) {
            RegistryEvent next = pollMore(source, consumed);
            if (next == null) {
                break;
            }
            byte[] encoded = encode(next);
            if (encoded == null) {
                consumed++;
                continue;
            }
            if (bytes + encoded.length + 1 > limits.maxBytes()) {
                carried = next;
                carriedEncoded = encoded;
                break;
            }
            events.add(next);
            encodedEvents.add(encoded);
            bytes += encoded.length + 1;
            consumed++;
        }
        return new Batch(events, encodedEvents, consumed);
    }

    /**
     * @return the next event, or null if none is waiting or the source failed: the events taken so far must not be
     *         forgotten (a durable queue counts them as taken), so they go as they are
     */
    private RegistryEvent pollMore(Source source, int taken) {
        try {
            return source.poll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RN-315 endpoint " + endpoint + ": reading its queue failed; the envelope goes "
                    + "with the " + taken + " events read before", e);
            return null;
        }
    }

    /**
     * @param events events from elsewhere than the source (a dead letter's), in order
     * @return them as one batch, those that cannot be encoded left out
     */
    Batch of(List<RegistryEvent> events) {
        List<RegistryEvent> kept = new ArrayList<>(events.size());
        List<byte[]> encodedEvents = new ArrayList<>(events.size());
        for (RegistryEvent event : events) {
            byte[] encoded = encode(event);
            if (encoded != null) {
                kept.add(event);
                encodedEvents.add(encoded);
            }
        }
        return new Batch(kept, encodedEvents, events.size());
    }

    /**
     * @param batch a batch this builder made
     * @return the envelope that carries it: with its event's {@code traceparent} and {@code tracestate} as headers
     *         when it carries one event that has them
     */
    Envelope envelope(Batch batch) {
        List<TraceContext> traces = new ArrayList<>(0);
        for (RegistryEvent event : batch.events()) {
            if (event.trace().isPresent()) {
                traces.add(event.trace());
            }
        }
        Envelope envelope = new Envelope(format.envelope(batch.encoded()), format.contentType(),
                batch.events().size(), Map.of(), traces, 0);
        return batch.events().size() == 1 && traces.size() == 1 ? envelope.withTraceHeaders(traces.get(0))
                : envelope;
    }

    /**
     * @return the encoded event, or null if the format has no shape for it (counted) or it cannot be encoded (logged);
     *         either way it is consumed, never retried
     */
    private byte[] encode(RegistryEvent event) {
        if (!format.carries(event)) {
            skipped.run();
            return null;
        }
        try {
            return format.encode(event);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "RN-305 endpoint " + endpoint + " cannot encode the notification of event "
                    + event.id() + "; it is skipped", e);
            return null;
        }
    }
}
