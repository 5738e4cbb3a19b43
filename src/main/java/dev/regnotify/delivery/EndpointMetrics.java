package dev.regnotify.delivery;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.delivery.metrics.EndpointCounters;

/**
 * An endpoint as JMX shows it ({@code dev.regnotify:type=Endpoint,name=<name>}): a reader of its counters, its
 * queue's pending count and its dead letters, and the operator's switch and replays. It counts nothing itself (the
 * {@link EndpointCounters} do) and holds the endpoint's parts, not the endpoint.
 *
 * @since 0.1
 */
public final class EndpointMetrics implements EndpointMetricsMXBean {

    private final EndpointCounters counters;
    private final LongSupplier pending;
    private final DeadLetterDesk deadLetters;
    private final EndpointState state;

    EndpointMetrics(EndpointCounters counters, LongSupplier pending, DeadLetterDesk deadLetters, EndpointState state) {
        this.counters = counters;
        this.pending = pending;
        this.deadLetters = deadLetters;
        this.state = state;
    }

    /**
     * @return the counters this reads
     * @since 0.3
     */
    public EndpointCounters counters() {
        return counters;
    }

    @Override
    public String getName() {
        return counters.name();
    }

    @Override
    public String getUrl() {
        return counters.url();
    }

    @Override
    public long getPending() {
        return pending.getAsLong();
    }

    @Override
    public long getEvents() {
        return counters.events();
    }

    @Override
    public long getSuccesses() {
        return counters.successes();
    }

    @Override
    public long getFailures() {
        return counters.failures();
    }

    @Override
    public long getErrors() {
        return counters.errors();
    }

    @Override
    public long getDropped() {
        return counters.dropped();
    }

    @Override
    public long getSkipped() {
        return counters.skipped();
    }

    @Override
    public Map<String, Long> getStatuses() {
        return counters.statuses();
    }

    @Override
    public long getAttempts() {
        return counters.attempts();
    }

    @Override
    public long getDeadLettered() {
        return counters.deadLettered();
    }

    @Override
    public long getDeadLetters() {
        return deadLetters.store().eventCount();
    }

    @Override
    public long getReplayed() {
        return counters.replayed();
    }

    @Override
    public boolean isDisabled() {
        return state.isDisabled();
    }

    @Override
    public List<String> listDeadLetters() {
        return deadLetters.store().list().stream().map(DeadLetter::summary).toList();
    }

    @Override
    public int replayDeadLetters() {
        return deadLetters.replay(letter -> true);
    }

    @Override
    public boolean replayDeadLetter(long id) {
        return deadLetters.replay(id);
    }

    @Override
    public int purgeDeadLetters() {
        return deadLetters.store().removeIf(letter -> true);
    }

    @Override
    public String getLastErrorTime() {
        EndpointCounters.LastError last = counters.lastError();
        return last == null ? "" : last.time().toString();
    }

    @Override
    public String getLastError() {
        EndpointCounters.LastError last = counters.lastError();
        return last == null ? "" : last.error();
    }

    @Override
    public boolean enable() {
        return state.enable();
    }

    @Override
    public boolean disable() {
        return state.disableByOperator();
    }

    @Override
    public String toString() {
        return "EndpointMetrics[" + getName() + ": pending=" + getPending() + ", events=" + getEvents() + ", successes="
                + getSuccesses() + ", failures=" + getFailures() + ", errors=" + getErrors() + ", dropped="
                + getDropped() + ", skipped=" + getSkipped() + ", attempts=" + getAttempts() + ", deadLettered="
                + getDeadLettered() + ", deadLetters=" + getDeadLetters() + ", replayed=" + getReplayed()
                + ", disabled=" + isDisabled() + ", statuses=" + getStatuses() + "]";
    }
}
