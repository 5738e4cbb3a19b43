package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.events.RegistryEvent;

/**
 * One worker's loop: a dead letter whose replay is due, or else the next envelope from its source, sent until it is
 * settled, then acknowledged; with a replay by time under way, one envelope of it after each envelope of the
 * source (beside live traffic: a long replay neither waits for a busy queue nor holds it back by more than one
 * envelope in two), and one after the other when the source is idle. The endpoint's thread runs one over the
 * queue, each lane one over its share of it. A defect (not the receiver's failure) is said and got past ({@link EndpointState#pauseAfterDefect}).
 *
 * <p>With send-ahead (batches, one envelope in flight), the envelope is sent on a second thread while this one polls
 * and encodes the next; polling and acknowledging stay here.
 */
final class DeliveryLoop {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");
    // How long a worker waits for a first event before it looks whether it is asked to stop.
    private static final Duration IDLE_CHECK = Duration.ofMillis(50);

    private final EndpointState state;
    private final DeadLetterDesk deadLetters;
    private final EnvelopeBuilder builder;
    private final RetryingSender sender;
    private final EnvelopeBuilder.Source source;
    private final Consumer<EnvelopeBuilder.Batch> acknowledge;
    private final BooleanSupplier queueIdle;
    private final BooleanSupplier finished;
    private final SendAhead sendAhead;
    // the envelope polled and encoded while the previous one was sent
    private EnvelopeBuilder.Batch ahead;
    // whether a replay by time has the next turn
    private boolean timeReplayTurn;

    /**
     * @param source where its events come from
     * @param acknowledge told of each envelope once settled (delivered or dead), in the order they were built
     * @param queueIdle whether the endpoint's queue has nothing to give (a dead letter to replay goes then)
     * @param finished whether nothing more will come: the loop ends once its source is empty too
     * @param sendAhead the second thread that sends while this one prepares, or null
     */
    DeliveryLoop(EndpointState state, DeadLetterDesk deadLetters, EnvelopeBuilder builder, RetryingSender sender,
            EnvelopeBuilder.Source source, Consumer<EnvelopeBuilder.Batch> acknowledge, BooleanSupplier queueIdle,
            BooleanSupplier finished, SendAhead sendAhead) {
        this.state = state;
        this.deadLetters = deadLetters;
        this.builder = builder;
        this.sender = sender;
        this.source = source;
        this.acknowledge = acknowledge;
        this.queueIdle = queueIdle;
        this.finished = finished;
        this.sendAhead = sendAhead;
    }

    /** Runs until finished, or the endpoint gives up; never ends on a defect. */
    void run() {
        try {
            while (!state.stop().isAbandoned()) {
                try {
                    if (!deliverOne()) {
                        return;
                    }
                } catch (DeliveryAbandonedException | InterruptedException e) {
                    throw e;
                } catch (Throwable e) {
                    state.pauseAfterDefect(e);
                }
                state.reportDrops();
            }
        } catch (DeliveryAbandonedException e) {
            LOG.log(Level.DEBUG, "RN-308 endpoint {0}: {1}", state.name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (sendAhead != null) {
                sendAhead.close();
            }
            state.reportDrops();
        }
    }

    /**
     * Sends a dead letter whose turn has come, or builds an envelope, sends it until it is settled, acknowledges it.
     *
     * @return false when finished and the source is empty
     */
    private boolean deliverOne() throws DeliveryAbandonedException, InterruptedException {
        if (replayNext(false)) {
            return true;
        }
        if (timeReplayTurn && replaySinceNext()) {
            timeReplayTurn = false;
            return true;
        }
        timeReplayTurn = true;
        Duration wait = state.timeReplays().ready() ? Duration.ZERO : IDLE_CHECK;
        EnvelopeBuilder.Batch batch = ahead != null ? ahead : builder.next(source, wait);
        ahead = null;
        if (batch == null) {
            return replayNext(queueIdle.getAsBoolean()) || replaySinceNext() || !finished.getAsBoolean();
        }
        if (sendAhead == null) {
            send(batch, null);
        } else {
            ahead = sendAhead.overlap(() -> send(batch, null), this::prepareAhead);
        }
        acknowledge.accept(batch);
        return true;
    }

    /**
     * Polls and encodes the next envelope while the current one is sent. A failure here must not skip the current
     * envelope's acknowledgement: it is logged, and the next poll of the loop meets it again.
     */
    private EnvelopeBuilder.Batch prepareAhead() throws InterruptedException {
        try {
            return builder.next(source, Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RN-315 endpoint " + state.name() + ": reading its queue failed; it is read again "
                    + "after the envelope in flight", e);
            return null;
        }
    }

    /**
     * Sends the next dead letter asked for, if its turn has come.
     *
     * @param idle whether the queue had nothing to give: then it goes whatever its turn
     * @return whether one was sent
     */
    private boolean replayNext(boolean idle) throws DeliveryAbandonedException, InterruptedException {
        DeadLetter letter = deadLetters.nextReplay(state.taken(), idle);
        if (letter == null) {
            return false;
        }
        boolean settled = false;
        try {
            send(builder.of(letter.events()), new RetryingSender.Origin(letter.id(), letter.attempts(),
                    letter.firstAttempt()));
            settled = true;
        } finally {
            deadLetters.replayed(letter.id(), settled);
        }
        return true;
    }

    /**
     * Sends the next envelope of the replay by time, if one is under way and its previous envelope is settled. What
     * runs out of attempts becomes a dead letter, as any envelope.
     *
     * @return whether one was sent
     */
    private boolean replaySinceNext() throws DeliveryAbandonedException, InterruptedException {
        TimeReplays replays = state.timeReplays();
        List<RegistryEvent> events = replays.take(state.config().envelope().batch().maxEvents());
        if (events == null) {
            return false;
        }
        boolean settled = false;
        try {
            send(builder.of(events), null);
            settled = true;
        } finally {
            replays.settled(events.size(), settled);
        }
        return true;
    }

    /** Sends a batch until it is settled; after a defect, the batch is sent again. */
    private void send(EnvelopeBuilder.Batch batch, RetryingSender.Origin origin) throws DeliveryAbandonedException,
            InterruptedException {
        while (true) {
            try {
                sender.deliver(batch, origin);
                return;
            } catch (DeliveryAbandonedException | InterruptedException e) {
                throw e;
            } catch (Throwable e) {
                state.pauseAfterDefect(e);
            }
        }
    }
}
