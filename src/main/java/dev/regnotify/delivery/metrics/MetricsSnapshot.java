package dev.regnotify.delivery.metrics;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.EndpointMetricsMXBean;

/**
 * The endpoints and their counters as JSON, shaped like distribution's expvar
 * {@code registry.notifications.endpoints}, with every header value redacted (distribution prints bearer tokens
 * there); our own counters (dropped, skipped, attempts, dead letters, replays, disabled) follow under
 * {@code regnotify}, so that distribution's object keeps its exact shape.
 *
 * @since 0.1
 */
public final class MetricsSnapshot {

    private MetricsSnapshot() {
    }

    /**
     * One endpoint as the snapshot shows it.
     *
     * @param config its configuration
     * @param metrics its counters
     * @since 0.3
     */
    public record Row(EndpointConfig config, EndpointMetricsMXBean metrics) {
    }

    /**
     * @param endpoints the endpoints
     * @return {@code {"notifications":{"endpoints":[...]},"regnotify":{"endpoints":[...]}}}
     */
    public static String json(List<Row> endpoints) {
        return "{\"notifications\":{\"endpoints\":[" + endpoints.stream().map(MetricsSnapshot::endpoint)
                .collect(Collectors.joining(",")) + "]},\"regnotify\":{\"endpoints\":[" + endpoints.stream()
                .map(MetricsSnapshot::ours).collect(Collectors.joining(",")) + "]}}";
    }

    /** Our own counters, beside distribution's object so that a reader of its shape finds it unchanged. */
    private static String ours(Row endpoint) {
        EndpointMetricsMXBean m = endpoint.metrics();
        return "{\"name\":" + text(m.getName()) + ",\"Dropped\":" + m.getDropped() + ",\"Skipped\":"
                + m.getSkipped() + ",\"Attempts\":"
                + m.getAttempts() + ",\"DeadLettered\":" + m.getDeadLettered() + ",\"DeadLetters\":"
                + m.getDeadLetters() + ",\"Replayed\":" + m.getReplayed() + ",\"Disabled\":" + m.isDisabled()
                + "}";
    }

    private static String endpoint(Row endpoint) {
        EndpointConfig c = endpoint.config();
        EndpointMetricsMXBean m = endpoint.metrics();
        return "{\"name\":" + text(c.name()) + ",\"url\":" + text(m.getUrl())
                + ",\"Headers\":" + headers(c.redactedHeaders())
                + ",\"Timeout\":" + c.transport().timeout().toNanos() + ",\"Threshold\":" + c.retry().threshold()
                + ",\"Backoff\":" + c.retry().backoff().toNanos()
                + ",\"IgnoredMediaTypes\":null"
                + ",\"Ignore\":{\"MediaTypes\":" + list(c.ignore().mediaTypes()) + ",\"Actions\":"
                + list(c.ignore().actions()) + "}"
                + ",\"Metrics\":{\"Pending\":" + m.getPending() + ",\"Events\":" + m.getEvents()
                + ",\"Successes\":" + m.getSuccesses() + ",\"Failures\":" + m.getFailures()
                + ",\"Errors\":" + m.getErrors() + ",\"Statuses\":" + m.getStatuses().entrySet().stream()
                        .map(e -> text(e.getKey()) + ":" + e.getValue()).collect(Collectors.joining(",", "{", "}"))
                + "}}";
    }

    private static String headers(Map<String, List<String>> headers) {
        return headers.entrySet().stream().map(e -> text(e.getKey()) + ":" + list(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String list(Collection<String> values) {
        if (values.isEmpty()) {
            return "null";
        }
        Collection<String> ordered = values instanceof Set ? values.stream().sorted().toList() : values;
        return ordered.stream().map(MetricsSnapshot::text).collect(Collectors.joining(",", "[", "]"));
    }

    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
