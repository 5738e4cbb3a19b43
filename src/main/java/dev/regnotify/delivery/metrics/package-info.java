/**
 * An endpoint's {@link dev.regnotify.delivery.metrics.EndpointCounters}, fed by listeners (the transport reports each
 * attempt's outcome as an {@link dev.regnotify.delivery.AttemptListener}), and their readers: the JSON snapshot
 * shaped like distribution's expvar ({@link dev.regnotify.delivery.metrics.MetricsSnapshot}), Prometheus' text format
 * ({@link dev.regnotify.delivery.metrics.PrometheusText}) and the registration of each endpoint's MBean ({@link
 * dev.regnotify.delivery.metrics.JmxRegistration}).
 *
 * @since 0.3
 */
package dev.regnotify.delivery.metrics;
