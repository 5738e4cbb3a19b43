/**
 * The HTTP transport of an endpoint: {@link dev.regnotify.delivery.http.HttpTransport} makes it, an {@link
 * dev.regnotify.delivery.http.HttpSink} (Apache HttpCore's HTTP/1.1 with connections of our own, each attempt bounded
 * by a {@link dev.regnotify.delivery.http.Deadlines} watchdog), wrapped by a signing sink when the endpoint signs. It
 * reports how each attempt ended to an {@link dev.regnotify.delivery.AttemptListener} and imports no counters type.
 *
 * @since 0.3
 */
package dev.regnotify.delivery.http;
