package dev.regnotify.delivery.metrics;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.regnotify.config.Redaction;
import dev.regnotify.delivery.AttemptListener;
import dev.regnotify.delivery.http.StatusText;

/**
 * An endpoint's counters, and nothing else: producers count events from any thread, the transport counts its attempts'
 * answers (as an {@link AttemptListener}), the endpoint's workers count attempts, skipped events, dead letters and
 * replays. JMX, the
 * JSON snapshot and the Prometheus text read them.
 *
 * @since 0.3
 */
public final class EndpointCounters implements AttemptListener {

    private final String name;
    private final String url;
    private final LongAdder events = new LongAdder();
    private final LongAdder successes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private volatile LastError lastError;

    /**
     * An endpoint's last failed attempt.
     *
     * @param time when it failed
     * @param status the receiver's status, or 0 when it could not be reached
     * @param error the status line, or why the receiver could not be reached (its host and port and the cause, as
     *              every message of the transport: never a header value, a credential or a query)
     * @since 0.3
     */
    public record LastError(Instant time, int status, String error) {
    }

    /**
     * @param name the endpoint's name (a forwarder's counters are named {@code <endpoint>@broker})
     * @param url the endpoint's URL (user information and query values are left out)
     */
    public EndpointCounters(String name, URI url) {
        this.name = name;
        this.url = Redaction.url(url);
    }

    /** An event was queued for the endpoint. */
    public void accepted() {
        events.increment();
    }

    /** @param count events the queue held when the endpoint started (resumed from a journal): its events too */
    public void resumed(long count) {
        events.add(count);
    }

    /** @param count events the endpoint would have sent but could not keep */
    public void dropped(long count) {
        dropped.add(count);
    }

    /**
     * @param count events taken from the queue that the endpoint's format has no shape for, not sent
     * @since 0.4
     */
    public void skipped(long count) {
        skipped.add(count);
    }

    /** An attempt began. */
    public void attempted() {
        attempts.increment();
    }

    /** @param count events that became a dead letter */
    public void deadLettered(int count) {
        deadLettered.add(count);
    }

    /** @param count events of a replayed dead letter, delivered */
    public void replayed(int count) {
        replayed.add(count);
    }

    /**
     * The status is counted first: whoever sees a success counted also sees its status.
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

    @Override
    public void errored(int count) {
        errors.add(count);
    }

    /**
     * Keeps an attempt's failure as the endpoint's last error.
     *
     * @param time when it failed
     * @param status the receiver's status, or 0 when it could not be reached
     * @param cause why it could not be reached, as the transport said it (redacted); used when the status is 0
     * @since 0.3
     */
    public void attemptFailed(Instant time, int status, String cause) {
        lastError = new LastError(time, status, status == 0 ? cause : StatusText.line(status));
    }

    /** @return the last failed attempt, or null if none failed since the start @since 0.3 */
    public LastError lastError() {
        return lastError;
    }

    /** @return the endpoint's name */
    public String name() {
        return name;
    }

    /** @return its URL, redacted */
    public String url() {
        return url;
    }

    /** @return events queued */
    public long events() {
        return events.sum();
    }

    /** @return events of accepted envelopes */
    public long successes() {
        return successes.sum();
    }

    /** @return events of refused envelopes */
    public long failures() {
        return failures.sum();
    }

    /** @return events of envelopes that got no answer */
    public long errors() {
        return errors.sum();
    }

    /** @return events that could not be kept */
    public long dropped() {
        return dropped.sum();
    }

    /** @return events the endpoint's format has no shape for, taken from the queue and not sent @since 0.4 */
    public long skipped() {
        return skipped.sum();
    }

    /** @return answers per status line ({@code 500 Internal Server Error}) */
    public Map<String, Long> statuses() {
        Map<String, Long> copy = new TreeMap<>();
        statuses.forEach((status, count) -> copy.put(status, count.sum()));
        return copy;
    }

    /** @return attempts begun */
    public long attempts() {
        return attempts.sum();
    }

    /** @return events that became dead letters, ever */
    public long deadLettered() {
        return deadLettered.sum();
    }

    /** @return events of replayed dead letters, delivered */
    public long replayed() {
        return replayed.sum();
    }
}
