package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.wire.EnvelopeFormat;

/**
 * One webhook endpoint: filter, queue, and one thread of its own that batches, encodes and sends, in order, until
 * each envelope is accepted (with {@code maxinflight} above 1, several lanes send at once, in order per repository:
 * {@link Lanes}). Events become notifications on that thread. Producers never wait for it: {@link #offer}
 * only enqueues.
 *
 * <p>The thread owns the batch being built, the retry state and the sink; producers touch only the filter, the
 * queue and the counters, which are thread-safe.
 *
 * @since 0.1
 */
public final class Endpoint {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");
    // How often an idle endpoint thread looks whether it is asked to stop.
    private static final Duration IDLE_CHECK = Duration.ofMillis(50);
    /** How long a closing endpoint's thread may take to stop once abandoned (an attempt in flight is cancelled). */
    static final Duration STOP_GRACE = Duration.ofSeconds(1);

    private final EndpointConfig config;
    private final EnvelopeFormat format;
    private final NotificationQueue queue;
    private final EndpointMetrics metrics;
    private final EndpointFilter filter;
    private final StopSignal stop = new StopSignal();
    private final Sink sink;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean closedWarned = new AtomicBoolean();
    private final DropReport full = new DropReport(LOG, "RN-312 {0} notifications dropped since the last report "
            + "({1}); the registry operations succeeded");
    private final Sink transport;
    private final ThreadFactory threads;
    private final EnvelopeBuilder builder;
    private final EnvelopeBuilder.Source source;
    private final Thread thread;
    private volatile boolean draining;

    /**
     * An endpoint that POSTs to its configured URL.
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
        EndpointMetrics metrics = new EndpointMetrics(config.name(), config.url(), queue::pending);
        Sink http = new HttpSink(config.url(), config.headers(), config.timeout(), config.maxInFlight(), metrics);
        Sink transport = config.signing().signs() ? new SigningSink(http, config.signing().secrets(),
                Clock.systemUTC()) : http;
        return new Endpoint(config, format, queue, transport, metrics, threads);
    }

    /**
     * @param config the endpoint's configuration (its filter, batch and retry settings are used)
     * @param format how its notifications are encoded
     * @param queue its queue
     * @param transport where envelopes go, one attempt per call; retried here
     * @param metrics its counters, which the transport updates too
     * @param threads where its thread comes from
     */
    public Endpoint(EndpointConfig config, EnvelopeFormat format, NotificationQueue queue, Sink transport,
            EndpointMetrics metrics, ThreadFactory threads) {
        this.config = config;
        this.format = format;
        this.queue = queue;
        this.metrics = metrics;
        this.filter = new EndpointFilter(config.ignore());
        this.transport = transport;
        this.threads = threads;
        this.builder = new EnvelopeBuilder(format, config.batch(), config.name());
        this.source = new EnvelopeBuilder.Source() {
            @Override
            public RegistryEvent poll(Duration wait) throws InterruptedException {
                return queue.poll(wait);
            }

            @Override
            public RegistryEvent poll() {
                return queue.poll();
            }
        };
        this.sink = new RetryingSink(transport, RetrySchedule.of(config, System::nanoTime),
                stop, config.name());
        this.thread = threads.newThread(this::deliverUntilStopped);
        try {
            thread.setName("regnotify-endpoint-" + config.name());
        } catch (SecurityException e) {
            // a managed thread keeps the server's name
        }
        thread.start();
    }

    /** @return the endpoint's name */
    public String name() {
        return config.name();
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
            metrics.dropped();
            if (draining) {
                if (closedWarned.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, "RN-306 endpoint {0} is closed: event {1} and later ones are not queued",
                            config.name(), event.id());
                }
            } else {
                full.dropped(() -> "the queue of endpoint " + config.name() + " is full with " + queue.pending()
                        + " events", null);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            metrics.dropped();
            full.dropped(() -> "endpoint " + config.name() + " could not queue event " + event.id() + ": " + e, e);
        }
    }

    /**
     * Counts an event this endpoint would have taken but that could not be kept (by the journal).
     *
     * @param event the registry event
     */
    public void dropped(RegistryEvent event) {
        if (filter.accepts(event)) {
            metrics.dropped();
        }
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
            sink.abort();
            thread.interrupt();
        }
    }

    /**
     * Waits for the thread to end, until the deadline, and frees the sink.
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
        sink.close();
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
                new Lanes(config, format, queue, transport, stop, () -> draining, threads).run();
                return;
            }
            while (!stop.isAbandoned()) {
                try {
                    if (!deliverOneEnvelope()) {
                        return;
                    }
                } catch (RuntimeException e) {
                    // a defect, not the receiver's failure: say it, pause, go on; never stop delivering for good
                    LOG.log(Level.ERROR, "RN-309 endpoint " + config.name() + ": unexpected failure; delivery goes "
                            + "on after " + config.backoff().toMillis() + " ms", e);
                    stop.await(config.backoff());
                }
            }
        } catch (DeliveryAbandonedException e) {
            LOG.log(Level.DEBUG, "RN-308 endpoint {0}: {1}", config.name(), e.getMessage());
        } catch (DeliveryException e) {
            LOG.log(Level.ERROR, "RN-309 endpoint {0} stopped delivering: {1}", config.name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
        }
    }

    /**
     * Polls a batch, sends it until it is accepted, acknowledges it.
     *
     * @return false when the endpoint is closing and its queue is empty
     */
    private boolean deliverOneEnvelope() throws DeliveryException, InterruptedException {
        EnvelopeBuilder.Batch batch = builder.next(source, IDLE_CHECK);
        if (batch == null) {
            return !(draining && queue.pending() == 0);
        }
        if (batch.envelope() != null) {
            sink.send(batch.envelope());
        }
        queue.acknowledge(batch.consumed());
        return true;
    }

    @Override
    public String toString() {
        return "Endpoint[" + config + "]";
    }
}
