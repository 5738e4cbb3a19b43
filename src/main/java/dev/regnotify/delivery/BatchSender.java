package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.events.DeliveryFailed;
import dev.regnotify.delivery.events.EndpointRecovered;

/**
 * Gets one lane's batches accepted, in order: attempts paced by a {@link RetrySchedule}; with bounded attempts
 * ({@code maxattempts}, {@code maxage}), a batch the receiver refuses as bad (400, 413, 422) is sent again in halves until the refused event stands alone, and an envelope whose attempts end becomes a dead letter;
 * with the exponential policy a 410 Gone disables the endpoint, and the envelope waits until it is enabled again.
 * Without a {@code retry} block it behaves as distribution: attempts never end. Used by one thread.
 */
final class BatchSender {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    /** A dead letter being replayed: the attempts it had, and since when. */
    record Origin(long id, int attempts, Instant firstAttempt) {
    }

    private final Endpoint endpoint;
    private final EnvelopeBuilder builder;
    private final Sink transport;
    private final RetrySchedule schedule;
    private final RetryConfig retry;

    BatchSender(Endpoint endpoint, EnvelopeBuilder builder, Sink transport, RetrySchedule schedule) {
        this.endpoint = endpoint;
        this.builder = builder;
        this.transport = transport;
        this.schedule = schedule;
        this.retry = endpoint.config().retry();
    }

    /**
     * Returns once every event of the batch was accepted or became a dead letter.
     *
     * @param batch what to send
     * @param origin the dead letter it replays, or null
     * @throws DeliveryAbandonedException if the endpoint was closed past its deadline meanwhile
     */
    void deliver(EnvelopeBuilder.Batch batch, Origin origin) throws DeliveryAbandonedException,
            InterruptedException {
        ArrayDeque<EnvelopeBuilder.Batch> parts = new ArrayDeque<>();
        parts.push(batch);
        while (!parts.isEmpty()) {
            EnvelopeBuilder.Batch part = parts.pop();
            if (part.isEmpty()) {
                continue;
            }
            int half = settle(part, origin);
            if (half > 0) {
                parts.push(part.part(half, part.events().size()));
                parts.push(part.part(0, half));
            }
        }
    }

    /**
     * Attempts one envelope until it is accepted or becomes a dead letter.
     *
     * @return 0 when settled; otherwise where to split it, because the receiver refused it as bad
     */
    private int settle(EnvelopeBuilder.Batch part, Origin origin) throws DeliveryAbandonedException,
            InterruptedException {
        Envelope envelope = builder.envelope(part);
        int attempts = 0;
        Instant first = null;
        while (true) {
            endpoint.pause(schedule.delay());
            endpoint.awaitEnabled();
            Instant now = endpoint.clock().instant();
            first = first == null ? now : first;
            attempts++;
            endpoint.metrics().attempted();
            try {
                transport.send(envelope);
                succeeded(part, origin);
                return 0;
            } catch (DeliveryException e) {
                if (endpoint.stop().isAbandoned()) {
                    // cancelled at shutdown: the receiver did not fail it, so it counts against no attempt
                    throw new DeliveryAbandonedException("endpoint " + endpoint.name() + " closed during an attempt");
                }
                if (origin != null && endpoint.purged(origin.id())) {
                    LOG.log(Level.INFO, "RN-338 endpoint {0}: dead letter {1} was purged while it was replayed; its "
                            + "replay ends", endpoint.name(), LogNumbers.plain(origin.id()));
                    return 0;
                }
                if (e.status() == 410 && retry.disablesOnGone()) {
                    schedule.failed(null);
                    endpoint.notify(failure(part, e, attempts, null, now));
                    endpoint.disable("the receiver answered " + StatusText.line(410));
                    continue;
                }
                if (retry.bounded() && part.events().size() > 1 && refusedAsBad(e.status())) {
                    LOG.log(Level.INFO, "RN-313 endpoint {0}: the receiver refused {1} events with {2}; they are sent "
                            + "again in halves to find the one it refuses", endpoint.name(),
                            LogNumbers.plain(part.events().size()), StatusText.line(e.status()));
                    endpoint.notify(failure(part, e, attempts, now, now));
                    return part.events().size() / 2;
                }
                schedule.failed(e.retryAfter().orElse(null));
                Level level = schedule.consecutiveFailures() == 1 ? Level.WARNING : Level.DEBUG;
                LOG.log(level, "RN-302 endpoint {0}: attempt {1} failed, {2} events kept: {3}", endpoint.name(),
                        LogNumbers.plain(schedule.consecutiveFailures()), LogNumbers.plain(part.events().size()),
                        e.getMessage());
                Instant next = endpoint.clock().instant().plus(schedule.delay());
                boolean exhausted = (retry.maxAttempts() > 0 && attempts >= retry.maxAttempts())
                        || (!retry.maxAge().isZero() && next.isAfter(first.plus(retry.maxAge())));
                endpoint.notify(failure(part, e, attempts, exhausted ? null : next, now));
                if (exhausted) {
                    endpoint.deadLetter(new DeadLetter(0, endpoint.name(), part.events(),
                            attempts + (origin == null ? 0 : origin.attempts()),
                            origin == null ? first : origin.firstAttempt(), now, e.answer()));
                    return 0;
                }
            }
        }
    }

    private void succeeded(EnvelopeBuilder.Batch part, Origin origin) {
        int failures = schedule.consecutiveFailures();
        schedule.succeeded();
        if (failures > 0) {
            LOG.log(Level.INFO, "RN-303 endpoint {0} delivers again after {1} failed attempts", endpoint.name(),
                    LogNumbers.plain(failures));
            endpoint.notify(new EndpointRecovered(endpoint.name(), failures, endpoint.clock().instant()));
        }
        if (origin != null) {
            endpoint.metrics().replayed(part.events().size());
        }
    }

    private DeliveryFailed failure(EnvelopeBuilder.Batch part, DeliveryException e, int attempt, Instant next,
            Instant now) {
        List<String> ids = part.events().stream().map(event -> event.id()).toList();
        return new DeliveryFailed(endpoint.name(), ids, e.status(), e.answer(), attempt, next, now);
    }

    /**
     * A refusal that splitting can help with: one event of the envelope can be what the receiver refuses (a malformed
     * request, one too large, content it cannot process). Others (401, 403, 404, 405, 409, ...) are about the request
     * as a whole, the credentials or the URL: every half would be refused alike, so splitting only multiplies requests
     * and dead letters.
     */
    static boolean refusedAsBad(int status) {
        return status == 400 || status == 413 || status == 422;
    }
}
