/**
 * The console: an HTTP API (JSON) and a page that show each endpoint's delivery and let an operator steer it (replay
 * and purge dead letters, enable and disable), behind bearer tokens with two roles. Plain Java on the JDK's
 * {@code com.sun.net.httpserver.HttpServer}: {@link dev.regnotify.console.Console#mount} serves it with one call. What
 * it shows comes through {@link dev.regnotify.console.ConsoleSource}, the seam between the console and delivery.
 *
 * @since 0.3
 */
package dev.regnotify.console;
