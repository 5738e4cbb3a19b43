package dev.regnotify.delivery;

import java.util.Map;

/**
 * An endpoint's counters over JMX, as {@code dev.regnotify:type=Endpoint,name=<name>}: distribution's
 * {@code pending}, {@code events}, {@code successes}, {@code failures}, {@code errors} and {@code statuses}.
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

    /** @return responses per status line, such as {@code 500 Internal Server Error} */
    Map<String, Long> getStatuses();
}
