package dev.regnotify.delivery;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import dev.regnotify.config.Redaction;

/**
 * An endpoint's counters. Producers count events from any thread; the endpoint thread counts attempts. Pending is
 * read from the queue, so that it can never drift from it.
 *
 * @since 0.1
 */
public final class EndpointMetrics implements EndpointMetricsMXBean, AttemptListener {

    private final String name;
    private final String url;
    private final LongSupplier pending;
    private final LongAdder events = new LongAdder();
    private final LongAdder successes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private volatile Endpoint endpoint;

    /**
     * @param name the endpoint's name
     * @param url the endpoint's URL (user information and query values are left out)
     * @param pending the queue's count of events not yet delivered
     */
    public EndpointMetrics(String name, URI url, LongSupplier pending) {
        this.name = name;
        this.url = Redaction.url(url);
        this.pending = pending;
    }

    void accepted() {
        events.increment();
    }

    /** @param count events the queue held when the endpoint started (resumed from a journal): its events too */
    void resumed(long count) {
        events.add(count);
    }

    void dropped(long count) {
        dropped.add(count);
    }

    void attempted() {
        attempts.increment();
    }

    void deadLettered(int count) {
        deadLettered.add(count);
    }

    void replayed(int count) {
        replayed.add(count);
    }

    /** The endpoint whose dead letters and switch these read and operate on. */
    void attach(Endpoint owner) {
        this.endpoint = owner;
    }

    /**
     * An envelope was accepted: counted by the sink that sent it. The status is counted first: whoever sees a success
     * counted also sees its status.
     *
     * @param status the answer's status
     * @param count its events
     */
    @Override
    public void succeeded(int status, int count) {
        statuses.computeIfAbsent(StatusText.line(status), s -> new LongAdder()).increment();
        successes.add(count);
    }

    @Override
    public void failed(int status, int count) {
        statuses.computeIfAbsent(StatusText.line(status), s -> new LongAdder()).increment();
        failures.add(count);
    }

    /**
     * An envelope could not be sent: counted by the sink.
     *
     * @param count its events
     */
    @Override
    public void errored(int count) {
        errors.add(count);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getUrl() {
        return url;
    }

    @Override
    public long getPending() {
        return pending.getAsLong();
    }

    @Override
    public long getEvents() {
        return events.sum();
    }

    @Override
    public long getSuccesses() {
        return successes.sum();
    }

    @Override
    public long getFailures() {
        return failures.sum();
    }

    @Override
    public long getErrors() {
        return errors.sum();
    }

    @Override
    public long getDropped() {
        return dropped.sum();
    }

    @Override
    public Map<String, Long> getStatuses() {
        Map<String, Long> copy = new TreeMap<>();
        statuses.forEach((status, count) -> copy.put(status, count.sum()));
        return copy;
    }

    @Override
    public long getAttempts() {
        return attempts.sum();
    }

    @Override
    public long getDeadLettered() {
        return deadLettered.sum();
    }

    @Override
    public long getDeadLetters() {
        Endpoint owner = endpoint;
        return owner == null ? 0 : owner.deadLetters().eventCount();
    }

    @Override
    public long getReplayed() {
        return replayed.sum();
    }

    @Override
    public boolean isDisabled() {
        Endpoint owner = endpoint;
        return owner != null && owner.isDisabled();
    }

    @Override
    public List<String> listDeadLetters() {
        return attached().deadLetters().list().stream().map(DeadLetter::summary).toList();
    }

    @Override
    public int replayDeadLetters() {
        return attached().replay(letter -> true);
    }

    @Override
    public boolean replayDeadLetter(long id) {
        return attached().replay(id);
    }

    @Override
    public int purgeDeadLetters() {
        return attached().deadLetters().removeIf(letter -> true);
    }

    @Override
    public boolean enable() {
        return attached().enable();
    }

    private Endpoint attached() {
        Endpoint owner = endpoint;
        if (owner == null) {
            throw new IllegalStateException("the counters of " + name + " belong to no endpoint");
        }
        return owner;
    }

    @Override
    public String toString() {
        return "EndpointMetrics[" + name + ": pending=" + getPending() + ", events=" + getEvents() + ", successes="
                + getSuccesses() + ", failures=" + getFailures() + ", errors=" + getErrors() + ", dropped="
                + getDropped() + ", attempts=" + getAttempts() + ", deadLettered=" + getDeadLettered()
                + ", deadLetters=" + getDeadLetters() + ", replayed=" + getReplayed() + ", disabled="
                + isDisabled() + ", statuses=" + getStatuses() + "]";
    }
}
