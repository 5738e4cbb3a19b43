package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.events.RegistryEvent;

/**
 * The {@link DeliveryLoop} of an endpoint on a {@link DeliveryPool}, or of one of its {@link PooledLanes}, one turn at
 * a time: the same choice of what goes next (a dead letter whose replay is due, the replay by time in turn with the
 * queue, the queue), the same order and acknowledgements, but it never waits on its thread. The envelope in progress
 * is kept here between turns; a turn ends when it would wait, answering how long ({@link Turns}), or after a few
 * envelopes, so that a busy endpoint takes its turn with the others. Its turns never overlap: whichever thread runs
 * one sees what the last one left.
 */
final class PooledLoop {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");
    // envelopes settled in one turn before the endpoint gives its thread to the next waiting endpoint
    private static final int ENVELOPES_PER_TURN = 8;

    /** What is being sent, and what follows once it is settled, or given up at close. */
    private record InProgress(RetryingSender.Settling settling, Consumer<Boolean> ended) {
    }

    private final EndpointState state;
    private final DeadLetterDesk deadLetters;
    private final EnvelopeBuilder builder;
    private final RetryingSender sender;
    private final EnvelopeBuilder.Source source;
    private final Consumer<EnvelopeBuilder.Batch> acknowledge;
    private final BooleanSupplier queueIdle;
    private final BooleanSupplier finished;
    private final Runnable ended;
    // its turns run one at a time: no other thread reads it
    private boolean hasEnded;
    private InProgress current;
    private boolean timeReplayTurn;

    /**
     * @param source where its events come from
     * @param acknowledge told of each envelope once settled, in the order they were built
     * @param queueIdle whether the endpoint's queue has nothing to give, asked once its source had nothing: a dead
     *            letter to replay goes then (a lane's source may be empty while the queue is not)
     * @param finished whether nothing more will come: the loop ends once its source is empty too
     * @param ended told once, when the loop ends
     */
    PooledLoop(EndpointState state, DeadLetterDesk deadLetters, EnvelopeBuilder builder, RetryingSender sender,
            EnvelopeBuilder.Source source, Consumer<EnvelopeBuilder.Batch> acknowledge, BooleanSupplier queueIdle,
            BooleanSupplier finished, Runnable ended) {
        this.state = state;
        this.deadLetters = deadLetters;
        this.builder = builder;
        this.sender = sender;
        this.source = source;
        this.acknowledge = acknowledge;
        this.queueIdle = queueIdle;
        this.finished = finished;
        this.ended = ended;
    }

    /** @return what comes next, as {@link Turns} reads it; never throws but an error the JVM cannot recover from */
    long turn() {
        try {
            return deliver();
        } catch (DeliveryAbandonedException e) {
            LOG.log(Level.DEBUG, "RN-308 endpoint {0}: {1}", state.name(), e.getMessage());
            return end();
        } catch (InterruptedException e) {
            // only the pool's close interrupts its threads, once every endpoint is closed
            Thread.currentThread().interrupt();
            return end();
        } catch (Throwable e) {
            try {
                return Math.max(1, state.defect(e).toNanos());
            } catch (Error fatal) {
                // said here: the pool keeps what a turn throws in a future nobody reads, where a thread of its own
                // would have died of it and said so
                LOG.log(Level.ERROR, "RN-309 endpoint " + state.name() + ": an error the virtual machine cannot "
                        + "recover from; its delivery ends", fatal);
                end();
                throw fatal;
            }
        }
    }

    private long deliver() throws DeliveryAbandonedException, InterruptedException {
        for (int settled = 0; settled < ENVELOPES_PER_TURN; ) {
            if (state.stop().isAbandoned()) {
                return end();
            }
            if (current == null) {
                current = next();
                if (current == null) {
                    state.reportDrops();
                    return finished.getAsBoolean() ? end() : Turns.IDLE;
                }
            }
            long wait = current.settling().step();
            if (wait == RetryingSender.Settling.SETTLED) {
                InProgress done = current;
                current = null;
                done.ended().accept(true);
                settled++;
                state.reportDrops();
            } else {
                // a wait, or an attempt that left something to send (a retry at once, a split's other half): the
                // next attempt goes behind the others, so that a receiver that hangs holds a thread for one timeout
                // at a time, not for each of the retries its threshold makes at once
                state.reportDrops();
                return wait;
            }
        }
        return Turns.AGAIN;
    }

    /** @return what to send next, in the order {@link DeliveryLoop} chooses it, or null if there is nothing */
    private InProgress next() throws InterruptedException {
        InProgress letter = letter(false);
        if (letter != null) {
            return letter;
        }
        if (timeReplayTurn) {
            InProgress replay = timeReplay();
            if (replay != null) {
                timeReplayTurn = false;
                return replay;
            }
        }
        timeReplayTurn = true;
        EnvelopeBuilder.Batch batch = builder.next(source, Duration.ZERO);
        if (batch != null) {
            return new InProgress(sender.settling(batch, null), settled -> {
                if (settled) {
                    acknowledge.accept(batch);
                }
            });
        }
        letter = letter(queueIdle.getAsBoolean());
        return letter != null ? letter : timeReplay();
    }

    /** @param idle whether the queue had nothing to give: then a letter goes whatever its turn */
    private InProgress letter(boolean idle) {
        DeadLetter letter = deadLetters.nextReplay(state.taken(), idle);
        if (letter == null) {
            return null;
        }
        return new InProgress(sender.settling(builder.of(letter.events()), new RetryingSender.Origin(letter.id(),
                letter.attempts(), letter.firstAttempt())), settled -> deadLetters.replayed(letter.id(), settled));
    }

    private InProgress timeReplay() {
        TimeReplays replays = state.timeReplays();
        List<RegistryEvent> events = replays.take(state.config().envelope().batch().maxEvents());
        if (events == null) {
            return null;
        }
        return new InProgress(sender.settling(builder.of(events), null),
                settled -> replays.settled(events.size(), settled));
    }

    /** Ends the loop: what was in progress is given up (a letter or a replay says so), drops are reported. */
    private long end() {
        if (hasEnded) {
            return Turns.FINISHED; // a fatal error thrown by the end itself comes back here: it ends once
        }
        hasEnded = true;
        InProgress given = current;
        current = null;
        try {
            if (given != null) {
                given.ended().accept(false);
            }
            state.reportDrops();
        } finally {
            ended.run();
        }
        return Turns.FINISHED;
    }
}
