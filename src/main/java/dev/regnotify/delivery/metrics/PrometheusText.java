package dev.regnotify.delivery.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import dev.regnotify.delivery.EndpointMetricsMXBean;

/**
 * The endpoints' counters in the Prometheus text format (version 0.0.4), with distribution 3's own names and labels
 * for its notification metrics, so that a dashboard made for distribution keeps working:
 * {@code registry_notifications_events_total{type, endpoint}} ({@code Events}, {@code Successes}, {@code Failures},
 * {@code Errors}), {@code registry_notifications_pending_total{endpoint}} (a gauge, named as distribution names it)
 * and {@code registry_notifications_status_total{code, endpoint}}. Ours follow under the same prefix:
 * {@code registry_notifications_dropped_total{endpoint}}, {@code _skipped_total}, {@code _attempts_total},
 * {@code _dead_lettered_total}, {@code _dead_letters} (a gauge: events in dead letters now), {@code _replayed_total},
 * {@code _disabled} (a gauge, 1 while disabled), all with the {@code endpoint} label, and
 * {@code registry_notifications_journal_bytes} with a journal.
 *
 * @since 0.1
 */
public final class PrometheusText {

    /** The content type of what {@link #write} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String PREFIX = "registry_notifications_";

    private PrometheusText() {
    }

    /**
     * @param endpoints the endpoints' counters
     * @param journalBytes the bytes the journal holds, or -1 without a journal
     * @param out where to write
     */
    public static void write(List<? extends EndpointMetricsMXBean> endpoints, long journalBytes, Appendable out) {
        try {
            family(out, "events_total", "counter", "The number of total events");
            for (EndpointMetricsMXBean m : endpoints) {
                sample(out, "events_total", "type", "Events", m.getName(), m.getEvents());
                sample(out, "events_total", "type", "Successes", m.getName(), m.getSuccesses());
                sample(out, "events_total", "type", "Failures", m.getName(), m.getFailures());
                sample(out, "events_total", "type", "Errors", m.getName(), m.getErrors());
            }
            perEndpoint(out, "pending_total", "gauge", "The gauge of pending events in queue",
                    endpoints, EndpointMetricsMXBean::getPending);
            family(out, "status_total", "counter", "The number of status code");
            for (EndpointMetricsMXBean m : endpoints) {
                for (Map.Entry<String, Long> status : m.getStatuses().entrySet()) {
                    sample(out, "status_total", "code", status.getKey(), m.getName(), status.getValue());
                }
            }
            perEndpoint(out, "dropped_total", "counter",
                    "The number of events an endpoint wanted that could not be kept", endpoints,
                    EndpointMetricsMXBean::getDropped);
            perEndpoint(out, "skipped_total", "counter",
                    "The number of events the endpoint's format has no shape for, not sent", endpoints,
                    EndpointMetricsMXBean::getSkipped);
            perEndpoint(out, "attempts_total", "counter", "The number of attempts at envelopes",
                    endpoints, EndpointMetricsMXBean::getAttempts);
            perEndpoint(out, "dead_lettered_total", "counter", "The number of events that became dead letters",
                    endpoints, EndpointMetricsMXBean::getDeadLettered);
            perEndpoint(out, "dead_letters", "gauge", "The number of events in dead letters",
                    endpoints, EndpointMetricsMXBean::getDeadLetters);
            perEndpoint(out, "replayed_total", "counter", "The number of replayed events the receiver accepted",
                    endpoints, EndpointMetricsMXBean::getReplayed);
            perEndpoint(out, "disabled", "gauge", "Whether the endpoint is disabled (1) until an operator enables it",
                    endpoints, m -> m.isDisabled() ? 1 : 0);
            if (journalBytes >= 0) {
                family(out, "journal_bytes", "gauge", "The bytes of events the journal holds");
                out.append(PREFIX).append("journal_bytes ").append(Long.toString(journalBytes)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the metrics", e);
        }
    }

    /** A family with one sample per endpoint, labelled with its name only. */
    private static void perEndpoint(Appendable out, String name, String type, String help,
            List<? extends EndpointMetricsMXBean> endpoints, ToLongFunction<EndpointMetricsMXBean> value)
            throws IOException {
        family(out, name, type, help);
        for (EndpointMetricsMXBean m : endpoints) {
            sample(out, name, null, null, m.getName(), value.applyAsLong(m));
        }
    }

    private static void family(Appendable out, String name, String type, String help) throws IOException {
        out.append("# HELP ").append(PREFIX).append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(PREFIX).append(name).append(' ').append(type).append('\n');
    }

    /** One sample: the first label (if any) as distribution orders them, then {@code endpoint}. */
    private static void sample(Appendable out, String name, String label, String value, String endpoint, long count)
            throws IOException {
        out.append(PREFIX).append(name).append('{');
        if (label != null) {
            out.append(label).append("=\"").append(escape(value)).append("\",");
        }
        out.append("endpoint=\"").append(escape(endpoint)).append("\"} ").append(Long.toString(count)).append('\n');
    }

    /** Label values escape backslash, double quote and line feed. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
