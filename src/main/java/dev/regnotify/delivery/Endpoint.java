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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.events.DeliveryEvent;
import dev.regnotify.delivery.events.EndpointDisabled;
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
    // How often an idle endpoint thread looks whether it is asked to stop.
    private static final Duration IDLE_CHECK = Duration.ofMillis(50);
    // The longest a waiting endpoint thread goes without reporting drops.
    private static final long REPORT_EVERY_NANOS = 1_000_000_000L;
    /** How long a closing endpoint's thread may take to stop once abandoned (an attempt in flight is cancelled). */
    static final Duration STOP_GRACE = Duration.ofSeconds(1);

    private final EndpointConfig config;
    private final EnvelopeFormat format;
    private final NotificationQueue queue;
    private final EndpointMetrics metrics;
    private final EndpointFilter filter;
    private final StopSignal stop = new StopSignal();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean closedWarned = new AtomicBoolean();
    private final AtomicBoolean disabled = new AtomicBoolean();
    private final DropReport full = new DropReport(LOG, "RN-312 {0} notifications dropped since the last report "
            + "({1}); the registry operations succeeded");
    private final Sink transport;
    private final ThreadFactory threads;
    private final DeliveryListener listener;
    private final Clock clock;
    private final DeadLetterDesk deadLetters;
    private final DropNotices drops;
    private final EnvelopeBuilder builder;
    private final BatchSender sender;
    private final Thread thread;
    private volatile boolean draining;
    // events taken from the queue for sending; written by the one thread that polls it
    private volatile long taken;
    // with batches and one envelope in flight: where envelopes are sent while the next is polled and encoded
    private SendAhead sendAhead;
    // the envelope polled and encoded while the previous one was sent
    private EnvelopeBuilder.Batch ahead;

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
        this.format = format;
        this.queue = queue;
        this.metrics = metrics;
        this.filter = new EndpointFilter(config.ignore());
        this.transport = transport;
        this.threads = threads;
        this.clock = Clock.systemUTC();
        this.listener = listener;
        // under the counters' name, as failed attempts are: a forwarder's are told as <endpoint>@broker
        this.drops = new DropNotices(metrics.getName(), this::notify, clock);
        this.deadLetters = new DeadLetterDesk(config.name(), deadLetters, config.queueCapacity(), metrics,
                this::notify, this::countDropped, clock);
        this.builder = new EnvelopeBuilder(format, config.batch(), config.name());
        this.sender = new BatchSender(this, builder, transport, RetrySchedule.of(config, System::nanoTime));
        metrics.attach(this);
        queue.onOverrun(this::keepOverrun);
        this.thread = threads.newThread(this::deliverUntilStopped);
        try {
            thread.setName("regnotify-endpoint-" + metrics.getName());
        } catch (SecurityException e) {
            // a managed thread keeps the server's name
        }
        thread.start();
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
        try {
            if (!filter.accepts(event)) {
                return;
            }
            if (queue.offer(event)) {
                metrics.accepted();
                return;
            }
            countDropped(1);
            if (draining) {
                if (closedWarned.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, "RN-306 endpoint {0} is closed: event {1} and later ones are not queued",
                            name(), event.id());
                }
            } else {
                full.dropped(() -> "the queue of endpoint " + name() + " is full with " + queue.pending()
                        + " events", null);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            countDropped(1);
            full.dropped(() -> "endpoint " + name() + " could not queue event " + event.id() + ": " + e, e);
        }
    }

    /**
     * Counts an event this endpoint would have taken but that could not be kept (by the journal).
     *
     * @param event the registry event
     */
    public void dropped(RegistryEvent event) {
        if (filter.accepts(event)) {
            countDropped(1);
        }
    }

    private void countDropped(long count) {
        metrics.dropped(count);
        drops.dropped(count);
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
        return deadLetters.replay(id, taken + queue.pending());
    }

    /**
     * Replays the dead letters that match, oldest first.
     *
     * @param which the letters to replay
     * @return how many were queued for replay (those already being replayed are not counted)
     * @since 0.2
     */
    public int replay(Predicate<DeadLetter> which) {
        return deadLetters.replay(which, taken + queue.pending());
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
        return disabled.get();
    }

    /**
     * Lets a disabled endpoint deliver again, from the envelope it stopped at.
     *
     * @return whether it was disabled
     * @since 0.2
     */
    public boolean enable() {
        if (!disabled.compareAndSet(true, false)) {
            return false;
        }
        LOG.log(Level.INFO, "RN-332 endpoint {0} is enabled again", config.name());
        return true;
    }

    /** Stops delivery until {@link #enable}: logged, counted, and told once. */
    void disable(String reason) {
        if (disabled.compareAndSet(false, true)) {
            LOG.log(Level.ERROR, "RN-330 endpoint {0} is disabled: {1}; its events stay queued until it is enabled "
                    + "again", config.name(), reason);
            notify(new EndpointDisabled(config.name(), reason, clock.instant()));
        }
    }

    /** Waits while the endpoint is disabled. */
    void awaitEnabled() throws DeliveryAbandonedException, InterruptedException {
        while (disabled.get()) {
            drops.report();
            if (stop.await(IDLE_CHECK)) {
                throw abandoned();
            }
        }
    }

    /** Waits before an attempt, reporting drops meanwhile; throws once the endpoint is abandoned. */
    void pause(Duration wait) throws DeliveryAbandonedException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (stop.isAbandoned()) {
                throw abandoned();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            drops.report();
            if (stop.await(Duration.ofNanos(Math.min(left, REPORT_EVERY_NANOS)))) {
                throw abandoned();
            }
        }
    }

    private DeliveryAbandonedException abandoned() {
        return new DeliveryAbandonedException("endpoint " + config.name() + " closed");
    }

    /** @return whether a dead letter was purged (or delivered) since it was handed out for replay */
    boolean purged(long id) {
        return deadLetters.store().get(id).isEmpty();
    }

    /** Keeps events the queue gave up for this endpoint, as dead letters of no attempt. */
    private void keepOverrun(List<RegistryEvent> events, String reason) {
        Instant now = clock.instant();
        deadLetters.keep(new DeadLetter(0, name(), events, 0, now, now, reason));
    }

    /** Keeps an envelope that ran out of attempts: logged, counted, and told. */
    void deadLetter(DeadLetter letter) {
        deadLetters.keep(letter);
    }

    /** Tells the listener; what it throws never reaches delivery. */
    void notify(DeliveryEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RN-314 endpoint " + config.name() + ": a delivery listener failed on " + event
                    .getClass().getSimpleName(), e);
        }
    }

    Clock clock() {
        return clock;
    }

    StopSignal stop() {
        return stop;
    }

    boolean isDraining() {
        return draining;
    }

    /** The thread that polls the queue took an event from it. */
    void took() {
        taken++;
    }

    /** Tells of drops, if a report is due. */
    void reportDrops() {
        drops.report();
    }

    /**
     * Sends the next dead letter asked for, if its turn has come.
     *
     * @param queueIdle whether the queue had nothing to give
     * @return whether one was sent
     */
    boolean replayNext(EnvelopeBuilder laneBuilder, BatchSender laneSender, boolean queueIdle)
            throws DeliveryAbandonedException, InterruptedException {
        DeadLetter letter = deadLetters.nextReplay(taken, queueIdle);
        if (letter == null) {
            return false;
        }
        boolean settled = false;
        try {
            send(laneSender, laneBuilder.of(letter.events()), new BatchSender.Origin(letter.id(), letter.attempts(),
                    letter.firstAttempt()));
            settled = true;
        } finally {
            deadLetters.replayed(letter.id(), settled);
        }
        return true;
    }

    /** Sends a batch; a defect (not the receiver's failure) is logged and the batch sent again after a pause. */
    void send(BatchSender laneSender, EnvelopeBuilder.Batch batch, BatchSender.Origin origin)
            throws DeliveryAbandonedException, InterruptedException {
        while (true) {
            try {
                laneSender.deliver(batch, origin);
                return;
            } catch (DeliveryAbandonedException | InterruptedException e) {
                throw e;
            } catch (Throwable e) {
                pauseAfterDefect(e);
            }
        }
    }

    /**
     * After a defect (not the receiver's failure): says it, pauses, and lets the caller go on, so that an endpoint
     * never stops delivering for good; an error the JVM cannot recover from is thrown on.
     */
    void pauseAfterDefect(Throwable defect) throws DeliveryAbandonedException, InterruptedException {
        if (Defects.fatal(defect)) {
            throw (Error) defect;
        }
        LOG.log(Level.ERROR, "RN-309 endpoint " + config.name() + ": unexpected failure; delivery goes on after "
                + config.backoff().toMillis() + " ms", defect);
        pause(config.backoff());
    }

    /** Stops taking notifications; the thread goes on until the queue is empty. */
    void beginClose() {
        draining = true;
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
            stop.abandon();
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

    private void deliverUntilStopped() {
        try {
            if (config.maxInFlight() > 1) {
                new Lanes(this, format, queue, transport, threads).run();
                return;
            }
            if (config.batch().maxEvents() > 1 && format.batches()) {
                sendAhead = new SendAhead(threads);
            }
            EnvelopeBuilder.Source source = new EnvelopeBuilder.Source() {
                @Override
                public RegistryEvent poll(Duration wait) throws InterruptedException {
                    return counted(queue.poll(wait));
                }

                @Override
                public RegistryEvent poll() {
                    return counted(queue.poll());
                }
            };
            while (!stop.isAbandoned()) {
                try {
                    if (!deliverOneEnvelope(source)) {
                        return;
                    }
                } catch (DeliveryAbandonedException | InterruptedException e) {
                    throw e;
                } catch (Throwable e) {
                    pauseAfterDefect(e);
                }
                drops.report();
            }
        } catch (DeliveryAbandonedException e) {
            LOG.log(Level.DEBUG, "RN-308 endpoint {0}: {1}", config.name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (sendAhead != null) {
                sendAhead.close();
            }
            drops.report();
            finished.countDown();
        }
    }

    private RegistryEvent counted(RegistryEvent event) {
        if (event != null) {
            took();
        }
        return event;
    }

    /**
     * Sends a dead letter whose turn has come, or polls a batch, sends it until it is settled, acknowledges it.
     *
     * @return false when the endpoint is closing and its queue is empty
     */
    private boolean deliverOneEnvelope(EnvelopeBuilder.Source source) throws DeliveryAbandonedException,
            InterruptedException {
        if (replayNext(builder, sender, false)) {
            return true;
        }
        EnvelopeBuilder.Batch batch = ahead != null ? ahead : builder.next(source, IDLE_CHECK);
        ahead = null;
        if (batch == null) {
            return replayNext(builder, sender, true) || !(draining && queue.pending() == 0);
        }
        if (sendAhead == null) {
            send(sender, batch, null);
        } else {
            ahead = sendAhead.overlap(() -> send(sender, batch, null), () -> prepareAhead(source));
        }
        queue.acknowledge(batch.consumed());
        return true;
    }

    /**
     * Polls and encodes the next envelope while the current one is sent. A failure here must not skip the current
     * envelope's acknowledgement: it is logged, and the next poll of the endpoint's loop meets it again.
     */
    private EnvelopeBuilder.Batch prepareAhead(EnvelopeBuilder.Source source) throws InterruptedException {
        try {
            return builder.next(source, Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RN-315 endpoint " + config.name() + ": reading its queue failed; it is read "
                    + "again after the envelope in flight", e);
            return null;
        }
    }

    @Override
    public String toString() {
        return "Endpoint[" + config + "]";
    }
}
