package dev.regnotify.cdi;

import java.util.Map;

import dev.regnotify.delivery.EndpointMetricsMXBean;

/**
 * The notification endpoints' counters, for an application that shows them (its own {@code /debug/vars}, a health
 * check). Inject it; the same counters are in JMX as {@code dev.regnotify:type=Endpoint,name=<name>}.
 *
 * @since 0.1
 */
public interface NotificationMetrics {

    /** @return the counters of each enabled endpoint, by name, in configuration order */
    Map<String, EndpointMetricsMXBean> endpoints();

    /** @return the endpoints and their counters as distribution's expvar JSON, header values redacted */
    String snapshotJson();

    /**
     * @return the counters in the Prometheus text format, with distribution 3's metric names
     *         ({@code dev.regnotify.delivery.metrics.PrometheusText}); serve it with
     *         {@code PrometheusText.CONTENT_TYPE}
     */
    String prometheusText();
}
