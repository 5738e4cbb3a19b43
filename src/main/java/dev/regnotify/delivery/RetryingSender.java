package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.delivery.events.DeliveryFailed;
import dev.regnotify.delivery.events.EndpointRecovered;
import dev.regnotify.delivery.http.StatusText;
import dev.regnotify.delivery.retry.RetryRules;
import dev.regnotify.delivery.retry.RetrySchedule;

/**
 * Sends one worker's envelopes through its transport until each is accepted, split, or a dead letter: attempts paced
 * by a {@link RetrySchedule}, what follows a failure decided by {@link RetryRules}. Without a {@code retry} block it
 * behaves as distribution: attempts never end. Used by one thread.
 */
final class RetryingSender {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    /** A dead letter being replayed: the attempts it had, and since when. */
    record Origin(long id, int attempts, Instant firstAttempt) {
    }

    private final EndpointState state;
    private final DeadLetterDesk deadLetters;
    private final EnvelopeBuilder builder;
    private final Sink transport;
    private final RetrySchedule schedule;
    private final RetryConfig retry;

    RetryingSender(EndpointState state, DeadLetterDesk deadLetters, EnvelopeBuilder builder, Sink transport,
            RetrySchedule schedule) {
        this.state = state;
        this.deadLetters = deadLetters;
        this.builder = builder;
        this.transport = transport;
        this.schedule = schedule;
        this.retry = state.config().retry();
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
            state.pause(schedule.delay());
            state.awaitEnabled();
            // after the retry's wait (a receiver's Retry-After among them): the rate only ever adds to it
            state.awaitRate(part.events().size());
            Instant now = state.clock().instant();
            first = first == null ? now : first;
            attempts++;
            state.counters().attempted();
            try {
                transport.send(envelope.resent(attempts - 1 + (origin == null ? 0 : origin.attempts())));
                succeeded(part, origin);
                return 0;
            } catch (DeliveryException e) {
                if (state.stop().isAbandoned()) {
                    // cancelled at shutdown: the receiver did not fail it, so it counts against no attempt
                    throw new DeliveryAbandonedException("endpoint " + state.name() + " closed during an attempt");
                }
                if (origin != null && deadLetters.purged(origin.id())) {
                    LOG.log(Level.INFO, "RN-338 endpoint {0}: dead letter {1} was purged while it was replayed; its "
                            + "replay ends", state.name(), LogNumbers.plain(origin.id()));
                    return 0;
                }
                switch (RetryRules.classify(retry, e.status(), part.events().size())) {
                    case DISABLE -> {
                        schedule.failed(null);
                        state.notify(failure(part, e, attempts, null, now));
                        state.disable("the receiver answered " + StatusText.line(410));
                    }
                    case SPLIT -> {
                        LOG.log(Level.INFO, "RN-313 endpoint {0}: the receiver refused {1} events with {2}; they are "
                                + "sent again in halves to find the one it refuses", state.name(),
                                LogNumbers.plain(part.events().size()), StatusText.line(e.status()));
                        state.notify(failure(part, e, attempts, now, now));
                        return part.events().size() / 2;
                    }
                    case COUNTED -> {
                        if (counted(part, origin, e, attempts, first, now)) {
                            return 0;
                        }
                    }
                }
            }
        }
    }

    /** @return whether the envelope's attempts ended: it is a dead letter now */
    private boolean counted(EnvelopeBuilder.Batch part, Origin origin, DeliveryException e, int attempts,
            Instant first, Instant now) {
        schedule.failed(e.retryAfter().orElse(null));
        Level level = schedule.consecutiveFailures() == 1 ? Level.WARNING : Level.DEBUG;
        LOG.log(level, "RN-302 endpoint {0}: attempt {1} failed, {2} events kept: {3}", state.name(),
                LogNumbers.plain(schedule.consecutiveFailures()), LogNumbers.plain(part.events().size()),
                e.getMessage());
        Instant next = state.clock().instant().plus(schedule.delay());
        boolean exhausted = RetryRules.exhausted(retry, attempts, first, next);
        state.notify(failure(part, e, attempts, exhausted ? null : next, now));
        if (exhausted) {
            deadLetters.keep(new DeadLetter(0, state.name(), part.events(),
                    attempts + (origin == null ? 0 : origin.attempts()),
                    origin == null ? first : origin.firstAttempt(), now, e.answer()));
        }
        return exhausted;
    }

    private void succeeded(EnvelopeBuilder.Batch part, Origin origin) {
        int failures = schedule.consecutiveFailures();
        schedule.succeeded();
        if (failures > 0) {
            LOG.log(Level.INFO, "RN-303 endpoint {0} delivers again after {1} failed attempts", state.name(),
                    LogNumbers.plain(failures));
            state.notify(new EndpointRecovered(state.name(), failures, state.clock().instant()));
        }
        if (origin != null) {
            state.counters().replayed(part.events().size());
        }
    }

    private DeliveryFailed failure(EnvelopeBuilder.Batch part, DeliveryException e, int attempt, Instant next,
            Instant now) {
        List<String> ids = part.events().stream().map(event -> event.id()).toList();
        return new DeliveryFailed(state.name(), ids, e.status(), e.answer(), attempt, next, now);
    }
}
