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
 * transport saw and what followed. Used by one thread at a time; a pooled endpoint steps its {@link Settling} from
 * whichever thread of the pool runs it, one at a time.
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
     * Returns once every event of the batch was accepted or became a dead letter, waiting on this thread between
     * attempts (an endpoint's lanes).
     *
     * @param batch what to send
     * @param origin the dead letter it replays, or null
     * @throws DeliveryAbandonedException if the endpoint was closed past its deadline meanwhile
     */
    void deliver(EnvelopeBuilder.Batch batch, Origin origin) throws DeliveryAbandonedException,
            InterruptedException {
        Settling settling = settling(batch, origin);
        for (long wait = settling.step(); wait != Settling.SETTLED; wait = settling.step()) {
            state.pause(Duration.ofNanos(wait));
        }
    }

    /**
     * @param batch what to send
     * @param origin the dead letter it replays, or null
     * @return the batch's delivery, to be stepped until it is settled, by one thread at a time
     */
    Settling settling(EnvelopeBuilder.Batch batch, Origin origin) {
        return new Settling(batch, origin);
    }

    /**
     * One batch being delivered: its halves still to send, and the attempts at the one in front. It waits on nobody's
     * thread: {@link #step} makes at most one attempt, or says how long to wait before the next (the retry's delay,
     * a receiver's {@code Retry-After}, the {@code ratelimit}, a disabled endpoint), so that a worker may give its
     * thread up meanwhile.
     */
    final class Settling {

        /** What {@link #step} answers once every event of the batch was accepted or became a dead letter. */
        static final long SETTLED = -1;

        private final ArrayDeque<EnvelopeBuilder.Batch> parts = new ArrayDeque<>();
        private final Origin origin;
        // the part attempted now, or null between parts
        private EnvelopeBuilder.Batch part;
        private Envelope envelope;
        private List<EventSummary> summaries;
        private int attempts;
        private Instant first;
        // the part's last failed attempt: when it began and what the receiver answered
        private Instant lastStart;
        private DeliveryException lastFailure;
        // System.nanoTime() before which the ratelimit lets the next attempt go; meaningful once taken
        private long rateReadyAt;
        private boolean rateTaken;

        private Settling(EnvelopeBuilder.Batch batch, Origin origin) {
            this.origin = origin;
            parts.push(batch);
        }

        /**
         * Makes the next attempt if its time has come.
         *
         * @return {@link #SETTLED}; 0 after an attempt that leaves something to send; else how many nanoseconds to
         *         wait before stepping again
         * @throws DeliveryAbandonedException once the endpoint gave up
         */
        long step() throws DeliveryAbandonedException, InterruptedException {
            if (state.stop().isAbandoned()) {
                throw state.abandoned();
            }
            if (part == null && !nextPart()) {
                return SETTLED;
            }
            long delay = schedule.delay().toNanos();
            if (delay > 0) {
                return delay;
            }
            if (state.isDisabled()) {
                return EndpointState.IDLE_CHECK.toNanos();
            }
            // after the retry's wait (a receiver's Retry-After among them): the rate only ever adds to it
            if (!rateTaken) {
                rateReadyAt = System.nanoTime() + state.takeRate(part.events().size());
                rateTaken = true;
            }
            long rateWait = rateReadyAt - System.nanoTime();
            if (rateWait > 0) {
                return rateWait;
            }
            rateTaken = false;
            int split = tooLate() ? expire() : attempt();
            if (split < 0) {
                return 0;
            }
            if (split > 0) {
                parts.push(part.part(split, part.events().size()));
                parts.push(part.part(0, split));
            }
            part = null;
            return parts.isEmpty() ? SETTLED : 0;
        }

        /** @return whether a part is in front now, encoded, with no attempt yet */
        private boolean nextPart() {
            while (!parts.isEmpty()) {
                EnvelopeBuilder.Batch next = parts.peek();
                if (next.isEmpty()) {
                    parts.pop();
                    continue;
                }
                Envelope encoded = builder.envelope(next);
                // now, while the events just encoded are in this thread's caches: after the answer, reading them
                // again was measured at 2 µs an envelope of 100 events, on the thread that is delivery's bottleneck
                summaries = state.attempts().on() ? EventSummary.of(next.events()) : List.of();
                envelope = encoded;
                part = parts.pop();
                attempts = 0;
                first = null;
                lastFailure = null;
                return true;
            }
            return false;
        }

        /**
         * Attempts the part in front once.
         *
         * @return 0 when settled; above 0, where to split it, because the receiver refused it as bad; -1 to attempt
         *         it again
         */
        private int attempt() throws DeliveryAbandonedException, InterruptedException {
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
                lastStart = now;
                lastFailure = e;
                return failed(sent, e, origin, first);
            }
        }

        /**
         * @return whether the retry due now would begin after {@code maxage}: it was due within it, and came late (its
         *         thread was busy, the machine loaded)
         */
        private boolean tooLate() {
            return lastFailure != null && !retry.maxAge().isZero()
                    && state.clock().instant().isAfter(first.plus(retry.maxAge()));
        }

        /** Ends the part's attempts without one more: it is a dead letter with its last answer. @return 0 */
        private int expire() {
            deadLetters.keep(new DeadLetter(0, state.name(), part.events(),
                    attempts + (origin == null ? 0 : origin.attempts()),
                    origin == null ? first : origin.firstAttempt(), lastStart, lastFailure.answer()));
            return 0;
        }
    }

    /**
     * What follows a failed attempt.
     *
     * @return as {@link Settling#attempt}
     */
    private int failed(Sent sent, DeliveryException e, Origin origin, Instant first)
            throws DeliveryAbandonedException {
        EnvelopeBuilder.Batch part = sent.part();
        Instant now = sent.start();
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
                state.notify(failure(part, e, sent.attempt(), null, now));
                state.disable("the receiver answered " + StatusText.line(410));
                return -1;
            }
            case SPLIT -> {
                log(sent, e, Attempt.Next.SPLIT, null);
                LOG.log(Level.INFO, "RN-313 endpoint {0}: the receiver refused {1} events with {2}; they are "
                        + "sent again in halves to find the one it refuses", state.name(),
                        LogNumbers.plain(part.events().size()), StatusText.line(e.status()));
                state.notify(failure(part, e, sent.attempt(), now, now));
                return part.events().size() / 2;
            }
            default -> {
                return counted(sent, origin, e, first) ? 0 : -1;
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
