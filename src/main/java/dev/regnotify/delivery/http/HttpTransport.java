package dev.regnotify.delivery.http;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.GuardConfig;
import dev.regnotify.config.TlsConfig;
import dev.regnotify.delivery.AttemptListener;
import dev.regnotify.delivery.Sink;

/**
 * The transport of an endpoint that POSTs to its URL: an {@link HttpSink}, wrapped by a signing sink when the endpoint
 * signs. The one place that chooses them, so that the endpoint knows only a {@link Sink}.
 *
 * @since 0.3
 */
public final class HttpTransport {

    private HttpTransport() {
    }

    /**
     * With a watchdog shared by the transports made with the same thread factory (which makes its thread); it ends
     * when the last of them is closed.
     *
     * @param config the endpoint
     * @param attempts told how each attempt ended
     * @param threads where the shared watchdog's thread comes from
     * @return the transport
     * @throws IllegalArgumentException if a configured header cannot be sent
     */
    public static Sink of(EndpointConfig config, AttemptListener attempts, ThreadFactory threads) {
        return signed(config, new HttpSink(config.url(), config.transport().headers(), config.transport().timeout(),
                attempts, tls(config), InetAddress::getAllByName, guard(config),
                SharedDeadlines.acquire(threads), () -> SharedDeadlines.release(threads)));
    }

    /**
     * @param config the endpoint
     * @param attempts told how each attempt ended
     * @param deadlines the watchdog of its attempts, closed by its owner after the transport
     * @return the transport
     * @throws IllegalArgumentException if a configured header cannot be sent
     */
    public static Sink of(EndpointConfig config, AttemptListener attempts, Deadlines deadlines) {
        Objects.requireNonNull(deadlines, "deadlines: the watchdog of the endpoint's attempts");
        return signed(config, new HttpSink(config.url(), config.transport().headers(), config.transport().timeout(),
                attempts, tls(config), InetAddress::getAllByName, guard(config), deadlines, () -> { }));
    }

    /** The integration point of the address guard: the transport judges every address it connects to. */
    static AddressGuard guard(EndpointConfig config) {
        GuardConfig guard = config.transport().guard();
        return guard.enabled() ? AddressGuard.allowing(guard.allowNetworks()) : AddressGuard.NONE;
    }

    /**
     * The integration point of an endpoint's own TLS.
     *
     * @throws IllegalArgumentException naming a {@code tls} file that cannot be used
     */
    static Supplier<SSLContext> tls(EndpointConfig config) {
        TlsConfig tls = config.transport().tls();
        return tls.configured() ? new TlsFiles(config.name(), tls) : HttpConnections::defaultTls;
    }

    private static Sink signed(EndpointConfig config, HttpSink http) {
        try {
            return config.transport().signing().signs()
                    ? new SigningSink(http, config.transport().signing().secrets(), Clock.systemUTC()) : http;
        } catch (RuntimeException | Error e) {
            http.close(); // gives back its watchdog: a transport that was never handed out is never closed
            throw e;
        }
    }
}
