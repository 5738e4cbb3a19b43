package dev.regnotify.delivery;

import java.util.List;
import java.util.Map;

/**
 * An endpoint over JMX, as {@code dev.regnotify:type=Endpoint,name=<name>}: distribution's counters
 * {@code pending}, {@code events}, {@code successes}, {@code failures}, {@code errors} and {@code statuses}; ours
 * (dropped, skipped, attempts, dead letters, replays, disabled); and operations on its dead letters and its enabled
 * switch.
 *
 * @since 0.1
 */
public interface EndpointMetricsMXBean {

    /** @return the endpoint's name */
    String getName();

    /** @return the endpoint's URL, without user information */
    String getUrl();

    /** @return events accepted and not yet delivered */
    long getPending();

    /** @return events accepted into the queue (after the filter) */
    long getEvents();

    /** @return events in envelopes the receiver accepted (2xx) */
    long getSuccesses();

    /** @return events in envelopes the receiver refused (not 2xx), counted per attempt */
    long getFailures();

    /** @return events in envelopes that could not be sent (connection refused, timeout), counted per attempt */
    long getErrors();

    /** @return events dropped because the journal was full */
    long getDropped();

    /**
     * @return events the endpoint's format has no shape for (CDEvents: blob, tag and repository events), taken from
     *         its queue and not sent
     * @since 0.4
     */
    long getSkipped();

    /** @return responses per status line, such as {@code 500 Internal Server Error} */
    Map<String, Long> getStatuses();

    /** @return attempts at envelopes, whatever their outcome @since 0.2 */
    long getAttempts();

    /** @return events that became dead letters, ever @since 0.2 */
    long getDeadLettered();

    /** @return events in dead letters now @since 0.2 */
    long getDeadLetters();

    /** @return replayed events the receiver accepted @since 0.2 */
    long getReplayed();

    /**
     * @return whether delivery is stopped until an operator enables the endpoint (after a 410 Gone, or an operator's
     *         {@link #disable}) @since 0.2
     */
    boolean isDisabled();

    /** @return its dead letters, one line each, oldest first ({@link DeadLetter#summary}) @since 0.2 */
    List<String> listDeadLetters();

    /** @return how many dead letters were queued for replay @since 0.2 */
    int replayDeadLetters();

    /**
     * @param id a dead letter's id
     * @return whether it was queued for replay
     * @since 0.2
     */
    boolean replayDeadLetter(long id);

    /** @return how many dead letters were removed @since 0.2 */
    int purgeDeadLetters();

    /**
     * @return when the last attempt failed (RFC 3339, UTC), or an empty string if none failed since the start
     * @since 0.3
     */
    String getLastErrorTime();

    /**
     * @return how the last failed attempt failed: the receiver's status line ({@code 503 Service Unavailable}), or why
     *         it could not be reached (its host and port and the cause, never a header value, credential or query);
     *         an empty string if none failed since the start
     * @since 0.3
     */
    String getLastError();

    /** @return whether the endpoint was disabled and delivers again @since 0.2 */
    boolean enable();

    /** @return whether the endpoint was enabled and stops delivering until enabled again @since 0.3 */
    boolean disable();
}
