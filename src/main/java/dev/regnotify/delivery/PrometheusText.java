package dev.regnotify.delivery;

import java.util.List;

/**
 * The endpoints' counters in Prometheus' text format, under its 0.2 name.
 *
 * @since 0.1
 * @deprecated moved to {@link dev.regnotify.delivery.metrics.PrometheusText}; this name is removed in 0.4
 */
@Deprecated(since = "0.3", forRemoval = true)
public final class PrometheusText {

    /** The content type of the text format. */
    public static final String CONTENT_TYPE = dev.regnotify.delivery.metrics.PrometheusText.CONTENT_TYPE;

    private PrometheusText() {
    }

    /**
     * @param endpoints the endpoints' counters
     * @param journalBytes the journal's size on disk, or -1 without a journal
     * @param out where the text goes
     */
    public static void write(List<? extends EndpointMetricsMXBean> endpoints, long journalBytes, Appendable out) {
        dev.regnotify.delivery.metrics.PrometheusText.write(endpoints, journalBytes, out);
    }
}
