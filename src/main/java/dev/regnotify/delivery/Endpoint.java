package dev.regnotify.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.attempts.AttemptFiles;
import dev.regnotify.delivery.attempts.AttemptLog;
import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.delivery.deadletter.DeadLetterFiles;
import dev.regnotify.delivery.deadletter.DeadLetterStore;
import dev.regnotify.delivery.http.Deadlines;
import dev.regnotify.delivery.http.HttpTransport;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.wire.EnvelopeFormat;

/**
 * One webhook endpoint: filter, queue, and a worker that batches, encodes and sends, in order, until each envelope is
 * accepted or, with bounded attempts, becomes a dead letter (with {@code maxinflight} above 1, several lanes send at
 * once, in order per repository). Started on a {@link DeliveryPool}, its worker runs by turns on the pool's shared
 * threads and holds none while it waits; started with a thread factory, it has a thread of its own. Events become
 * notifications on the worker's thread. Producers never wait for it: {@link #offer} only enqueues, and wakes it.
 *
 * <p>The worker owns the batch being built, the retry state and the sink; producers touch only the filter, the
 * queue and the counters, which are thread-safe; operators touch the dead letters and the enabled switch.
 *
 * @since 0.1
 */
public final class Endpoint {

    private final EndpointConfig config;
    private final EndpointMetrics metrics;
    private final Intake intake;
    private final EndpointState state;
    private final NotificationQueue queue;
    private final DeadLetterDesk deadLetters;
    private final Worker worker;

    /**
     * An endpoint that POSTs to its configured URL, with its dead letters in memory and nobody told of its deliveries.
     *
     * @param config the endpoint's configuration
     * @param format how its notifications are encoded
     * @param queue its queue
     * @param threads where its thread comes from
     * @return the started endpoint
     * @throws IllegalArgumentException if a configured header cannot be sent
     */
    public static Endpoint start(EndpointConfig config, EnvelopeFormat format, NotificationQueue queue,
            ThreadFactory threads) {
        return start(config, format, queue, threads, null, DeliveryListener.NONE);
    }

    /**
     * An endpoint that POSTs to its configured URL. The watchdog of its attempts' deadlines is shared by the endpoints
     * made with the same thread factory, which makes its thread, and ends when the last of them is closed.
     *
     * @param config the endpoint's configuration
     * @param format how its notifications are encoded
     * @param queue its queue
     * @param threads where its thread comes from
     * @param deadLetterFiles where its dead letters survive a restart, or null to keep them in memory
     * @param listener told what happens to its deliveries
     * @return the started endpoint
     * @throws IllegalArgumentException if a configured header cannot be sent
     * @since 0.2
     */
    public static Endpoint start(EndpointConfig config, EnvelopeFormat format, NotificationQueue queue,
            ThreadFactory threads, DeadLetterFiles deadLetterFiles, DeliveryListener listener) {
        EndpointCounters counters = new EndpointCounters(config.name(), config.url());
        return start(config, format, queue, threads, deadLetterFiles, null, listener, counters,
                HttpTransport.of(config, counters, threads));
    }

    /**
     * An endpoint that POSTs to its configured URL, its attempts' deadlines kept by the given watchdog: one for all
     * the endpoints of an application, closed by the application once they are.
     *
     * @param config the endpoint's configuration
     * @param format how its notifications are encoded
     * @param queue its queue
     * @param threads where its thread comes from
     * @param deadlines the watchdog of its attempts
     * @param deadLetterFiles where its dead letters survive a restart, or null to keep them in memory
     * @param listener told what happens to its deliveries
     * @return the started endpoint
     * @throws IllegalArgumentException if a configured header cannot be sent
     * @since 0.2
     */
    public static Endpoint start(EndpointConfig config, EnvelopeFormat format, NotificationQueue queue,
            ThreadFactory threads, Deadlines deadlines, DeadLetterFiles deadLetterFiles, DeliveryListener listener) {
        EndpointCounters counters = new EndpointCounters(config.name(), config.url());
        return start(config, format, queue, threads, deadLetterFiles, null, listener, counters,
                HttpTransport.of(config, counters, deadlines));
    }

    /**
     * An endpoint whose envelopes go to a transport of one's own (the forwarder to a message broker).
     *
     * @param config the endpoint's configuration (filter, batch, retry)
     * @param format how its events are encoded
     * @param queue its queue
     * @param threads where its thread comes from
     * @param counters its counters, which the transport updates too
     * @param transport where its envelopes go
     * @param deadLetterFiles where its dead letters survive a restart, or null to keep them in memory
     * @param listener who is told of its failed attempts and dropped events (under the counters' name)
     * @return the started endpoint
     * @since 0.3
     */
    public static Endpoint start(EndpointConfig config, EnvelopeFormat format, NotificationQueue queue,
            ThreadFactory threads, EndpointCounters counters, Sink transport, DeadLetterFiles deadLetterFiles,
            DeliveryListener listener) {
        return start(config, format, queue, threads, deadLetterFiles, null, listener, counters, transport);
    }

    /**
     * An endpoint whose envelopes go to a transport of one's own, its attempts logged to files that survive a restart.
     *
     * @param config the endpoint's configuration
     * @param format how its events are encoded
     * @param queue its queue
     * @param threads where its thread comes from
     * @param counters its counters, which the transport updates too
     * @param transport where its envelopes go; closed with it
     * @param deadLetterFiles where its dead letters survive a restart, or null to keep them in memory
     * @param attemptFiles where its attempt log survives a restart, or null to keep it in memory; closed with it
     * @param listener who is told of its failed attempts and dropped events
     * @return the started endpoint
     * @since 0.3
     */
    public static Endpoint start(EndpointConfig config, EnvelopeFormat format, NotificationQueue queue,
            ThreadFactory threads, EndpointCounters counters, Sink transport, DeadLetterFiles deadLetterFiles,
            AttemptFiles attemptFiles, DeliveryListener listener) {
        return start(config, format, queue, threads, deadLetterFiles, attemptFiles, listener, counters, transport);
    }

    /**
     * An endpoint delivered by turns on a shared pool of threads, holding none while it waits or has nothing to send
     * (with {@code maxinflight} above 1, its lanes too: each lane, and what dispatches to them, by turns of its own).
     *
     * @param config the endpoint's configuration
     * @param format how its events are encoded
     * @param queue its queue
     * @param pool the threads it shares with other endpoints; closed by its owner after them
     * @param counters its counters, which the transport updates too
     * @param transport where its envelopes go; closed with it
     * @param deadLetterFiles where its dead letters survive a restart, or null to keep them in memory
     * @param attemptFiles where its attempt log survives a restart, or null to keep it in memory; closed with it
     * @param listener who is told of its failed attempts and dropped events
     * @return the started endpoint
     * @since 0.4
     */
    public static Endpoint start(EndpointConfig config, EnvelopeFormat format, NotificationQueue queue,
            DeliveryPool pool, EndpointCounters counters, Sink transport, DeadLetterFiles deadLetterFiles,
            AttemptFiles attemptFiles, DeliveryListener listener) {
        return start(config, format, queue, new Threads(null, pool), deadLetterFiles, attemptFiles,
                listener, counters, transport);
    }

    private static Endpoint start(EndpointConfig config, EnvelopeFormat format, NotificationQueue queue,
            ThreadFactory threads, DeadLetterFiles deadLetterFiles, AttemptFiles attemptFiles,
            DeliveryListener listener, EndpointCounters counters, Sink transport) {
        return start(config, format, queue, new Threads(threads, null), deadLetterFiles, attemptFiles, listener,
                counters, transport);
    }

    /** Where an endpoint's delivery runs: a thread of its own from a factory, or turns on a pool. */
    private record Threads(ThreadFactory factory, DeliveryPool pool) {
    }

    private static Endpoint start(EndpointConfig config, EnvelopeFormat format, NotificationQueue queue,
            Threads threads, DeadLetterFiles deadLetterFiles, AttemptFiles attemptFiles,
            DeliveryListener listener, EndpointCounters counters, Sink transport) {
        try {
            AttemptLog attempts = attemptFiles == null ? AttemptLog.inMemory(config.name(), config.log().attempts())
                    : AttemptLog.onDisk(config.log().attempts(), attemptFiles);
            return new Endpoint(config, format, queue, transport, counters, threads,
                    new DeadLetterStore(config.name(), config.queue().capacity(), deadLetterFiles), listener,
                    attempts);
        } catch (RuntimeException | Error e) {
            if (attemptFiles != null) {
                attemptFiles.close();
            }
            transport.close(); // gives back its watchdog: an endpoint that never started is never closed
            throw e;
        }
    }

    private Endpoint(EndpointConfig config, EnvelopeFormat format, NotificationQueue queue, Sink transport,
            EndpointCounters counters, Threads threads, DeadLetterStore deadLetters,
            DeliveryListener listener, AttemptLog attempts) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        this.state = new EndpointState(config, counters, listener, clock, attempts);
        this.queue = queue;
        this.deadLetters = new DeadLetterDesk(config.name(), deadLetters, config.queue().capacity(), counters,
                () -> state.taken() + queue.pending(), state::notify, state::dropped, clock);
        this.metrics = new EndpointMetrics(counters, queue::pending, this.deadLetters, state);
        counters.resumed(queue.pending());
        queue.onOverrun(this.deadLetters::keepOverrun);
        this.worker = threads.pool() != null
                ? new PooledWorker(state, this.deadLetters, format, queue, transport, threads.pool())
                : new EndpointWorker(state, this.deadLetters, format, queue, transport, threads.factory());
        this.intake = new Intake(new EndpointFilter(config.ignore(), config.filter()), queue, state, worker::arrived);
    }

    /** @return the endpoint's name, as its counters give it */
    public String name() {
        return state.name();
    }

    /** @return the endpoint's configuration */
    public EndpointConfig config() {
        return config;
    }

    /** @return the endpoint's counters, as JMX shows them */
    public EndpointMetrics metrics() {
        return metrics;
    }

    /**
     * @return its attempt log: every attempt, what the receiver answered and what followed
     * @since 0.3
     */
    public AttemptLog attempts() {
        return state.attempts();
    }

    /** @return its dead letters (since 0.2) */
    public DeadLetterStore deadLetters() {
        return deadLetters.store();
    }

    /**
     * Takes an event to notify unless the endpoint ignores it. Never blocks, never throws: an event the queue cannot
     * take (it is full, or the endpoint is closing) is counted as dropped and logged at a bounded rate.
     *
     * @param event the registry event
     */
    public void offer(RegistryEvent event) {
        intake.offer(event);
    }

    /** @param event an event this endpoint would have taken, counted as dropped: the journal could not keep it */
    public void dropped(RegistryEvent event) {
        intake.dropped(event);
    }

    /**
     * Sends a dead letter again, with its events' ids, behind every event queued now; it leaves the dead letters
     * once its receiver accepted it.
     *
     * @param id the letter's id
     * @return false if there is no such letter, or it is being replayed already
     * @since 0.2
     */
    public boolean replay(long id) {
        return asked(deadLetters.replay(id));
    }

    /**
     * Replays the dead letters that match, oldest first.
     *
     * @param which the letters to replay
     * @return how many were queued for replay (those already being replayed are not counted)
     * @since 0.2
     */
    public int replay(Predicate<DeadLetter> which) {
        int queued = deadLetters.replay(which);
        asked(queued > 0);
        return queued;
    }

    /**
     * @return dead letters asked to be replayed and not yet delivered or dead again
     * @since 0.2
     */
    public int replaying() {
        return deadLetters.replaying();
    }

    /**
     * Sends again, with their ids, the events this endpoint delivered from a time on, as its journal kept them: those
     * it wants (its {@code ignore} applies), in the order they were delivered, up to the last one it took for sending
     * (one in flight then may arrive twice; what follows, it delivers as ever). The replay goes beside its new events,
     * one envelope of each in turn, on its own thread; this method only starts it. What runs out of attempts becomes a
     * dead letter. Ends with the endpoint: a restart does not resume it.
     *
     * @param since the earliest time, inclusive
     * @return how many bytes of the journal the replay reads; 0 if the endpoint delivered nothing since then
     * @throws ReplayRefusedException without a journal that keeps delivered events ({@code retention}), if events
     *         after that time were deleted already (the message says since when events are kept), or while a
     *         replay is under way
     * @throws IllegalStateException once the endpoint is closed
     * @since 0.3
     */
    public long replaySince(Instant since) {
        state.timeReplays().refuseIfReplaying();
        long bytes = state.timeReplays().start(queue.replaySince(since), since);
        worker.asked();
        return bytes;
    }

    /**
     * @return whether delivery is stopped until {@link #enable}, because the receiver answered 410 Gone or an
     *         operator disabled it
     * @since 0.2
     */
    public boolean isDisabled() {
        return state.isDisabled();
    }

    /**
     * Lets a disabled endpoint deliver again, from the envelope it stopped at.
     *
     * @return whether it was disabled
     * @since 0.2
     */
    public boolean enable() {
        return asked(state.enable());
    }

    /** Wakes its delivery, which has work now (its thread needs no waking; a pooled one may rest). */
    private boolean asked(boolean work) {
        if (work) {
            worker.asked();
        }
        return work;
    }

    /**
     * Stops delivery until {@link #enable}, as an operator's decision (a receiver under maintenance, say): logged
     * ({@code RN-330}) and told as {@link dev.regnotify.delivery.events.EndpointDisabled} with the reason
     * {@code an operator disabled it}. Its events wait in its queue (with a journal, on disk; in memory, up to
     * {@code queuecapacity}, beyond which new ones are dropped and counted); an attempt in flight ends as it would.
     *
     * @return whether it was enabled
     * @since 0.3
     */
    public boolean disable() {
        return state.disableByOperator();
    }

    /** @return what delivers it, which {@link Broadcaster} closes with every other endpoint's at once */
    Worker worker() {
        return worker;
    }

    /**
     * Closes this endpoint alone.
     *
     * @param drain how long to wait for the queue to drain
     * @return how many events were left undelivered
     */
    public long close(Duration drain) {
        return worker.close(drain);
    }

    @Override
    public String toString() {
        return "Endpoint[" + config + "]";
    }
}
