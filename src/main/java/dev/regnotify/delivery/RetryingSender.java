package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.attempts.Attempt;
import dev.regnotify.delivery.attempts.EventSummary;
import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.delivery.events.DeliveryFailed;
import dev.regnotify.delivery.events.EndpointRecovered;
import dev.regnotify.delivery.http.StatusText;
import dev.regnotify.delivery.retry.RetryRules;
import dev.regnotify.delivery.retry.RetrySchedule;

/**
 * Sends one worker's envelopes through its transport until each is accepted, split, or a dead letter: attempts paced
 * by a {@link RetrySchedule}, what follows a failure decided by {@link RetryRules}. Without a {@code retry} block it
 * behaves as distribution: attempts never end. Every attempt goes to the endpoint's attempt log with what the
 * transport saw and what followed. Used by one thread at a time.
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
    private final Seen seen = new Seen();

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
        // now, while the events just encoded are in this thread's caches: after the answer, reading them again was
        // measured at 2 µs an envelope of 100 events, on the thread that is delivery's bottleneck
        List<EventSummary> summaries = state.attempts().on() ? EventSummary.of(part.events()) : List.of();
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
            long began = System.nanoTime();
            try {
                transport.send(envelope.resent(attempts - 1 + (origin == null ? 0 : origin.attempts())), seen);
                Sent sent = new Sent(envelope, part, summaries, attempts, now, System.nanoTime() - began);
                log(sent, null, Attempt.Next.DELIVERED, null);
                succeeded(part, origin);
                return 0;
            } catch (DeliveryException e) {
                Sent sent = new Sent(envelope, part, summaries, attempts, now, System.nanoTime() - began);
                if (state.stop().isAbandoned()) {
                    // cancelled at shutdown: the receiver did not fail it, so it counts against no attempt
                    log(sent, e, Attempt.Next.ABANDONED, null);
                    throw new DeliveryAbandonedException("endpoint " + state.name() + " closed during an attempt");
                }
                if (origin != null && deadLetters.purged(origin.id())) {
                    log(sent, e, Attempt.Next.PURGED, null);
                    LOG.log(Level.INFO, "RN-338 endpoint {0}: dead letter {1} was purged while it was replayed; its "
                            + "replay ends", state.name(), LogNumbers.plain(origin.id()));
                    return 0;
                }
                switch (RetryRules.classify(retry, e.status(), part.events().size())) {
                    case DISABLE -> {
                        log(sent, e, Attempt.Next.DISABLED, null);
                        schedule.failed(null);
                        state.notify(failure(part, e, attempts, null, now));
                        state.disable("the receiver answered " + StatusText.line(410));
                    }
                    case SPLIT -> {
                        log(sent, e, Attempt.Next.SPLIT, null);
                        LOG.log(Level.INFO, "RN-313 endpoint {0}: the receiver refused {1} events with {2}; they are "
                                + "sent again in halves to find the one it refuses", state.name(),
                                LogNumbers.plain(part.events().size()), StatusText.line(e.status()));
                        state.notify(failure(part, e, attempts, now, now));
                        return part.events().size() / 2;
                    }
                    case COUNTED -> {
                        if (counted(sent, origin, e, first)) {
                            return 0;
                        }
                    }
                }
            }
        }
    }

    /** @return whether the envelope's attempts ended: it is a dead letter now */
    private boolean counted(Sent sent, Origin origin, DeliveryException e, Instant first) {
        EnvelopeBuilder.Batch part = sent.part();
        int attempts = sent.attempt();
        Instant now = sent.start();
        schedule.failed(e.retryAfter().orElse(null));
        Level level = schedule.consecutiveFailures() == 1 ? Level.WARNING : Level.DEBUG;
        LOG.log(level, "RN-302 endpoint {0}: attempt {1} failed, {2} events kept: {3}", state.name(),
                LogNumbers.plain(schedule.consecutiveFailures()), LogNumbers.plain(part.events().size()),
                e.getMessage());
        Instant next = state.clock().instant().plus(schedule.delay());
        boolean exhausted = RetryRules.exhausted(retry, attempts, first, next);
        log(sent, e, exhausted ? Attempt.Next.DEAD_LETTER : Attempt.Next.RETRY, exhausted ? null : next);
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

    /** One attempt as it was made: what was sent, which attempt it was, when it began and how long it took. */
    private record Sent(Envelope envelope, EnvelopeBuilder.Batch part, List<EventSummary> summaries, int attempt,
            Instant start, long nanos) {
    }

    /**
     * Gives the attempt to the endpoint's log, with what the transport saw or, if it says nothing, the failure's
     * account; the log keeps the events' summaries, so that it neither holds the events nor encodes them again.
     */
    private void log(Sent sent, DeliveryException failure, Attempt.Next next, Instant retryAt) {
        AttemptListener.Answer answer = seen.take();
        if (!state.attempts().on()) {
            return;
        }
        if (answer == null) {
            answer = accountOf(failure);
        }
        state.attempts().record(new Attempt(state.name(), 0, sent.start(), Duration.ofNanos(sent.nanos()),
                sent.attempt(), sent.summaries(), sent.envelope().body().length,
                answer.status(), answer.body(), answer.error(), answer.retryAfter(), next, retryAt));
    }

    /** @return what a transport that tells no answer (a broker's) said in its failure, or nothing after a success */
    static AttemptListener.Answer accountOf(DeliveryException failure) {
        if (failure == null) {
            return new AttemptListener.Answer(0, "", null, null);
        }
        if (failure.status() == 0) {
            return AttemptListener.Answer.none(failure.getMessage());
        }
        String line = StatusText.line(failure.status());
        String answer = failure.answer();
        String body = answer.startsWith(line + ": ") ? answer.substring(line.length() + 2) : "";
        return new AttemptListener.Answer(failure.status(), body,
                failure.retryAfter().map(wait -> Long.toString(wait.toSeconds())).orElse(null), null);
    }

    /** What the transport saw of the attempt in flight; used by the sender's thread only. */
    private static final class Seen implements AttemptListener {

        private Answer answer;

        @Override
        public void answered(Answer seenAnswer) {
            answer = seenAnswer;
        }

        /** @return the answer of the attempt just made, or null if the transport told none; forgets it */
        Answer take() {
            Answer taken = answer;
            answer = null;
            return taken;
        }

        @Override
        public void succeeded(int status, int events) {
        }

        @Override
        public void failed(int status, int events) {
        }

        @Override
        public void errored(int events) {
        }
    }
}
