/**
 * W3C Trace Context from the registry operation to the receiver: {@link dev.regnotify.tracing.Tracing} says what the
 * class path offers, a {@link dev.regnotify.tracing.TraceCapture} gives each event its trace context, and
 * {@link dev.regnotify.tracing.AttemptSpans} makes each delivery attempt a span. The optional OpenTelemetry API is
 * used by one class of this package alone, loaded only when the API is present. Public for the CDI edge and the
 * assembly, which wire it; not an API of its own: it may change without notice.
 *
 * @since 0.4
 */
package dev.regnotify.tracing;
