package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.attempts.AttemptLog;
import dev.regnotify.delivery.events.DeliveryEvent;
import dev.regnotify.delivery.events.DeliveryFailed;
import dev.regnotify.delivery.events.EndpointDisabled;
import dev.regnotify.delivery.metrics.EndpointCounters;

/**
 * What the workers of one endpoint share (its thread's loop, every lane, every retrying sender): the signal to stop,
 * the enabled switch, the pauses that answer to both, the clock, whom to tell, and the drops to report. Workers are
 * given this, never the endpoint, so that none of them can reach back into the thing that made it.
 *
 * <p>Thread-safe: producers count drops, operators enable, workers pause and tell.
 */
final class EndpointState {

    /** How long a closing endpoint's threads may take to stop once abandoned (an attempt in flight is cancelled). */
    static final Duration STOP_GRACE = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");
    /** How often a waiting worker looks whether it is enabled again. */
    static final Duration IDLE_CHECK = Duration.ofMillis(50);
    // The longest a waiting worker goes without reporting drops.
    private static final long REPORT_EVERY_NANOS = 1_000_000_000L;

    private final EndpointConfig config;
    private final EndpointCounters counters;
    private final DeliveryListener listener;
    private final Clock clock;
    private final AttemptLog attempts;
    private final StopSignal stop = new StopSignal();
    private final AtomicBoolean disabled = new AtomicBoolean();
    private final DropNotices drops;
    private final TimeReplays timeReplays;
    private volatile boolean draining;
    // events taken from the queue for sending; written by the one thread that polls it
    private volatile long taken;
    // the endpoint's ratelimit, shared by its workers; null without one
    private final TokenBucket rate;

    EndpointState(EndpointConfig config, EndpointCounters counters, DeliveryListener listener, Clock clock,
            AttemptLog attempts) {
        this.config = config;
        this.attempts = attempts;
        this.counters = counters;
        this.listener = listener;
        this.clock = clock;
        // under the counters' name, as failed attempts are: a forwarder's are told as <endpoint>@broker
        this.drops = new DropNotices(counters.name(), this::notify, clock);
        this.rate = config.rateLimit().limits() ? new TokenBucket(config.rateLimit(), System::nanoTime) : null;
        this.timeReplays = new TimeReplays(config.name());
    }

    /**
     * Makes a worker's thread, named after its endpoint.
     *
     * @param threads where it comes from
     * @param role what the thread does for the endpoint, as a suffix ({@code -lane-2}), or empty
     * @param work what it runs
     * @return the thread, not started
     */
    Thread newThread(ThreadFactory threads, String role, Runnable work) {
        Thread thread = threads.newThread(work);
        try {
            thread.setName("regnotify-endpoint-" + counters.name() + role);
        } catch (SecurityException e) {
            // a managed thread keeps the server's name
        }
        return thread;
    }

    /** @return the endpoint's name, as its counters give it */
    String name() {
        return counters.name();
    }

    EndpointConfig config() {
        return config;
    }

    EndpointCounters counters() {
        return counters;
    }

    /** @return the endpoint's attempt log */
    AttemptLog attempts() {
        return attempts;
    }

    Clock clock() {
        return clock;
    }

    StopSignal stop() {
        return stop;
    }

    /** @return the endpoint's replay by time, which every worker sends from */
    TimeReplays timeReplays() {
        return timeReplays;
    }

    boolean isDraining() {
        return draining;
    }

    /** The endpoint takes no more events; its workers go on until what it has is delivered. */
    void beginDraining() {
        draining = true;
    }

    /** @return how many events were taken from the queue for sending */
    long taken() {
        return taken;
    }

    /** The thread that polls the queue took an event from it. */
    void took() {
        taken++;
    }

    /** Counts events the endpoint would have sent but could not keep; they are told at the next report. */
    void dropped(long count) {
        counters.dropped(count);
        drops.dropped(count);
    }

    /** Tells of drops, if a report is due. */
    void reportDrops() {
        drops.report();
    }

    /**
     * Tells the listener; what it throws never reaches delivery. A failed attempt is the counters' last error too.
     *
     * <p>The listener is told in the middle of settling an envelope (before its dead letter is kept, after its
     * receiver accepted it), so anything it throws there would be taken for a failure of the send: the envelope sent
     * again, or never a dead letter. An {@link Error} the JVM gets past (an assertion, a deep recursion) is the
     * listener's bug as much as a {@link RuntimeException}, and is logged the same way, with its stack, rather than
     * thrown on after the envelope is settled: the loops would only log it again and pause. Only an error the JVM
     * cannot recover from ({@link Defects#fatal}) is thrown on: delivery ends there, as for any such error, and the
     * envelope, not acknowledged, is sent again after a restart with a journal.
     */
    void notify(DeliveryEvent event) {
        if (event instanceof DeliveryFailed failed) {
            counters.attemptFailed(failed.time(), failed.status(), failed.error());
        }
        try {
            listener.on(event);
        } catch (Throwable e) {
            if (Defects.fatal(e)) {
                throw (Error) e;
            }
            LOG.log(Level.WARNING, "RN-314 endpoint " + config.name() + ": a delivery listener failed on " + event
                    .getClass().getSimpleName(), e);
        }
    }

    boolean isDisabled() {
        return disabled.get();
    }

    /** @return whether it was disabled */
    boolean enable() {
        if (!disabled.compareAndSet(true, false)) {
            return false;
        }
        LOG.log(Level.INFO, "RN-332 endpoint {0} is enabled again", config.name());
        return true;
    }

    /** Stops delivery until {@link #enable}: logged and told once. */
    void disable(String reason) {
        disable(Level.ERROR, reason);
    }

    /**
     * Stops delivery until {@link #enable}, because an operator asked: logged (at {@code WARNING}: nothing failed)
     * and told once. An attempt in flight ends as it would; the next one waits.
     *
     * @return whether it was enabled
     */
    boolean disableByOperator() {
        return disable(Level.WARNING, "an operator disabled it");
    }

    private boolean disable(Level level, String reason) {
        if (!disabled.compareAndSet(false, true)) {
            return false;
        }
        LOG.log(level, "RN-330 endpoint {0} is disabled: {1}; its events stay queued until it is enabled again",
                config.name(), reason);
        notify(new EndpointDisabled(config.name(), reason, clock.instant()));
        return true;
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

    /**
     * Takes from the endpoint's {@code ratelimit} what so many events need.
     *
     * @param events the events of the attempt about to be made
     * @return how many nanoseconds to wait before it: 0 without a limit, or when the tokens were there
     */
    long takeRate(int events) {
        return rate == null ? 0 : rate.take(events);
    }

    /**
     * After a defect (not the receiver's failure): says it, pauses {@code backoff}, and lets the caller go on, so that
     * an endpoint never stops delivering for good; an error the JVM cannot recover from is thrown on.
     */
    void pauseAfterDefect(Throwable defect) throws DeliveryAbandonedException, InterruptedException {
        pause(defect(defect));
    }

    /**
     * Says a defect (not the receiver's failure); an error the JVM cannot recover from is thrown on.
     *
     * @return how long to wait before going on: {@code backoff}
     */
    Duration defect(Throwable defect) {
        if (Defects.fatal(defect)) {
            throw (Error) defect;
        }
        LOG.log(Level.ERROR, "RN-309 endpoint " + config.name() + ": unexpected failure; delivery goes on after "
                + config.retry().backoff().toMillis() + " ms", defect);
        return config.retry().backoff();
    }

    /** @return what a worker throws once the endpoint gave up */
    DeliveryAbandonedException abandoned() {
        return new DeliveryAbandonedException("endpoint " + config.name() + " closed");
    }
}
