package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.wire.EnvelopeFormat;

/**
 * One webhook endpoint: filter, queue, and one thread of its own that batches, encodes and sends, in order, until
 * each envelope is accepted or, with bounded attempts, becomes a dead letter (with {@code maxinflight} above 1,
 * several lanes send at once, in order per repository: {@link Lanes}). Events become notifications on that thread.
 * Producers never wait for it: {@link #offer} only enqueues.
 *
 * <p>The thread owns the batch being built, the retry state and the sink; producers touch only the filter, the
 * queue and the counters, which are thread-safe; operators touch the dead letters and the enabled switch.
 *
 * @since 0.1
 */
public final class Endpoint {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");
    /** How long a closing endpoint's thread may take to stop once abandoned (an attempt in flight is cancelled). */
    static final Duration STOP_GRACE = Duration.ofSeconds(1);

    private final EndpointConfig config;
    private final NotificationQueue queue;
    private final EndpointMetrics metrics;
    private final Intake intake;
    private final EndpointState state;
    private final DeadLetterDesk deadLetters;
    private final Sink transport;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread thread;

    /**
     * An endpoint that POSTs to its configured URL, with its dead letters in memory and nobody told of its
     * deliveries.
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
        EndpointMetrics metrics = new EndpointMetrics(config.name(), config.url(), queue::pending);
        HttpSink http = new HttpSink(config.url(), config.headers(), config.timeout(), metrics,
                HttpConnections::defaultTls, SharedDeadlines.acquire(threads), () -> SharedDeadlines.release(threads));
        return start(config, format, queue, threads, deadLetterFiles, listener, metrics, http);
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
        Objects.requireNonNull(deadlines, "deadlines: the watchdog of the endpoint's attempts");
        EndpointMetrics metrics = new EndpointMetrics(config.name(), config.url(), queue::pending);
        HttpSink http = new HttpSink(config.url(), config.headers(), config.timeout(), metrics,
                HttpConnections::defaultTls, deadlines, () -> { });
        return start(config, format, queue, threads, deadLetterFiles, listener, metrics, http);
    }

    private static Endpoint start(EndpointConfig config, EnvelopeFormat format, NotificationQueue queue,
            ThreadFactory threads, DeadLetterFiles deadLetterFiles, DeliveryListener listener, EndpointMetrics metrics,
            HttpSink http) {
        try {
            Sink transport = config.signing().signs() ? new SigningSink(http, config.signing().secrets(),
                    Clock.systemUTC()) : http;
            return new Endpoint(config, format, queue, transport, metrics, threads,
                    new DeadLetterStore(config.name(), config.queueCapacity(), deadLetterFiles), listener);
        } catch (RuntimeException | Error e) {
            http.close(); // gives back its watchdog: an endpoint that never started is never closed
            throw e;
        }
    }

    /**
     * An endpoint whose envelopes go to a transport of one's own (the forwarder to a message broker), its dead letters
     * in memory.
     *
     * @param config the endpoint's configuration (filter, batch, retry)
     * @param format how its events are encoded
     * @param queue its queue
     * @param threads where its thread comes from
     * @param metrics its counters, which the transport updates too
     * @param transport where its envelopes go
     * @param listener who is told of its failed attempts and dropped events (under the counters' name)
     * @return the started endpoint
     * @since 0.2
     */
    public static Endpoint start(EndpointConfig config, EnvelopeFormat format, NotificationQueue queue,
            ThreadFactory threads, EndpointMetrics metrics, Sink transport, DeliveryListener listener) {
        return new Endpoint(config, format, queue, transport, metrics, threads,
                new DeadLetterStore(config.name(), config.queueCapacity(), null), listener);
    }

    private Endpoint(EndpointConfig config, EnvelopeFormat format, NotificationQueue queue, Sink transport,
            EndpointMetrics metrics, ThreadFactory threads, DeadLetterStore deadLetters, DeliveryListener listener) {
        this.config = config;
        this.queue = queue;
        this.metrics = metrics;
        this.transport = transport;
        Clock clock = Clock.systemUTC();
        this.state = new EndpointState(config, metrics, listener, clock);
        this.intake = new Intake(new EndpointFilter(config.ignore()), queue, state);
        this.deadLetters = new DeadLetterDesk(config.name(), deadLetters, config.queueCapacity(), metrics,
                state::notify, state::dropped, clock);
        metrics.attach(this);
        metrics.resumed(queue.pending());
        queue.onOverrun(this::keepOverrun);
        Runnable work = config.maxInFlight() > 1 ? lanes(format, threads) : loop(format, threads);
        this.thread = state.newThread(threads, "", () -> {
            try {
                work.run();
            } finally {
                finished.countDown();
            }
        });
        thread.start();
    }

    /** @return the work of the endpoint's thread with lanes: dispatching to them */
    private Runnable lanes(EnvelopeFormat format, ThreadFactory threads) {
        return () -> {
            try {
                new Lanes(state, deadLetters, format, queue, transport, threads).run();
            } catch (DeliveryAbandonedException e) {
                LOG.log(Level.DEBUG, "RN-308 endpoint {0}: {1}", config.name(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** @return the work of the endpoint's thread with one envelope in flight: the delivery loop over the queue */
    private Runnable loop(EnvelopeFormat format, ThreadFactory threads) {
        EnvelopeBuilder builder = new EnvelopeBuilder(format, config.batch(), config.name());
        RetryingSender sender = new RetryingSender(state, deadLetters, builder, transport,
                RetrySchedule.of(config, System::nanoTime));
        return () -> {
            SendAhead sendAhead = config.batch().maxEvents() > 1 && format.batches()
                    ? new SendAhead(task -> state.newThread(threads, "-send", task)) : null;
            new DeliveryLoop(state, deadLetters, builder, sender, new CountingSource(queue, state),
                    batch -> queue.acknowledge(batch.consumed()), () -> true,
                    () -> state.isDraining() && queue.pending() == 0, sendAhead).run();
        };
    }

    /** @return the endpoint's name, as its counters give it */
    public String name() {
        return metrics.getName();
    }

    /** @return the endpoint's configuration */
    public EndpointConfig config() {
        return config;
    }

    /** @return the endpoint's counters */
    public EndpointMetrics metrics() {
        return metrics;
    }

    /**
     * @return its dead letters
     * @since 0.2
     */
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

    /**
     * Counts an event this endpoint would have taken but that could not be kept (by the journal).
     *
     * @param event the registry event
     */
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
        return deadLetters.replay(id, state.taken() + queue.pending());
    }

    /**
     * Replays the dead letters that match, oldest first.
     *
     * @param which the letters to replay
     * @return how many were queued for replay (those already being replayed are not counted)
     * @since 0.2
     */
    public int replay(Predicate<DeadLetter> which) {
        return deadLetters.replay(which, state.taken() + queue.pending());
    }

    /**
     * @return dead letters asked to be replayed and not yet delivered or dead again
     * @since 0.2
     */
    public int replaying() {
        return deadLetters.replaying();
    }

    /**
     * @return whether delivery is stopped until {@link #enable}, because the receiver answered 410 Gone
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
        return state.enable();
    }

    /** Keeps events the queue gave up for this endpoint, as dead letters of no attempt. */
    private void keepOverrun(List<RegistryEvent> events, String reason) {
        Instant now = state.clock().instant();
        deadLetters.keep(new DeadLetter(0, name(), events, 0, now, now, reason));
    }

    /** Stops taking notifications; the thread goes on until the queue is empty. */
    void beginClose() {
        state.beginDraining();
        queue.close();
    }

    /** Waits until the queue is drained, or the deadline. */
    void awaitDrained(long deadlineNanos) {
        try {
            finished.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Makes the thread give up at once: no further attempt, and the one in flight is cancelled. */
    void abandon() {
        if (finished.getCount() > 0) {
            state.stop().abandon();
            transport.abort();
            thread.interrupt();
        }
    }

    /**
     * Waits for the thread to end, until the deadline, and frees the sink and the dead letters' files.
     *
     * @param deadlineNanos {@code System.nanoTime()} by which to stop waiting
     * @return how many events were left undelivered
     */
    long finishClose(long deadlineNanos) {
        awaitDrained(deadlineNanos);
        if (finished.getCount() > 0) {
            LOG.log(Level.WARNING, "RN-308 endpoint {0}: its thread did not stop within {1} ms of being abandoned",
                    config.name(), Long.toString(STOP_GRACE.toMillis()));
        }
        transport.close();
        deadLetters.store().close();
        return queue.pending();
    }

    /**
     * Closes this endpoint alone.
     *
     * @param drain how long to wait for the queue to drain
     * @return how many events were left undelivered
     */
    public long close(Duration drain) {
        beginClose();
        awaitDrained(System.nanoTime() + drain.toNanos());
        abandon();
        return finishClose(System.nanoTime() + STOP_GRACE.toNanos());
    }

    @Override
    public String toString() {
        return "Endpoint[" + config + "]";
    }
}
