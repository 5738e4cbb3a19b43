package dev.regnotify.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How each request to an endpoint is made: the headers it carries, how long it may take, how it is signed. Header
 * values are secrets: {@link #toString()} redacts them.
 *
 * @param headers headers sent with every request, as given ({@code headers}, default none)
 * @param timeout how long one request may take ({@code timeout}, default 1s)
 * @param signing the secrets envelopes are signed with (Standard Webhooks), or none ({@code signing.secrets})
 * @param guard which addresses connections may reach ({@code guard}, since 0.4; default all)
 * @param tls the certificate authorities to trust and the client certificate ({@code tls}, since 0.4; default the
 *        JDK's trust store and no client certificate)
 * @since 0.3
 */
public record TransportConfig(Map<String, List<String>> headers, Duration timeout, SigningConfig signing,
        GuardConfig guard, TlsConfig tls) {

    /** distribution's default request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** No headers, distribution's timeout, no signatures. */
    public static final TransportConfig DEFAULT = new TransportConfig(Map.of(), DEFAULT_TIMEOUT, SigningConfig.NONE);

    /** Copies the headers, keeping their order; the timeout must be positive. */
    public TransportConfig {
        Objects.requireNonNull(headers, "headers");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((key, values) -> copy.put(key, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(tls, "tls");
    }

    /**
     * The shape of 0.4 before per-endpoint TLS: the JDK's TLS.
     *
     * @param headers headers sent with every request
     * @param timeout how long one request may take
     * @param signing the secrets envelopes are signed with
     * @param guard which addresses connections may reach
     */
    public TransportConfig(Map<String, List<String>> headers, Duration timeout, SigningConfig signing,
            GuardConfig guard) {
        this(headers, timeout, signing, guard, TlsConfig.DEFAULT);
    }

    /**
     * The 0.3 shape: no guard.
     *
     * @param headers headers sent with every request
     * @param timeout how long one request may take
     * @param signing the secrets envelopes are signed with
     */
    public TransportConfig(Map<String, List<String>> headers, Duration timeout, SigningConfig signing) {
        this(headers, timeout, signing, GuardConfig.OFF, TlsConfig.DEFAULT);
    }

    /** @return the headers with every value replaced by {@code <redacted>} */
    public Map<String, List<String>> redactedHeaders() {
        return headers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(v -> "<redacted>").toList(), (a, b) -> a, LinkedHashMap::new));
    }

    @Override
    public String toString() {
        return "TransportConfig[headers=" + redactedHeaders() + ", timeout=" + Durations.format(timeout)
                + ", signing=" + signing + (guard.enabled() ? ", guard=" + guard : "")
                + (tls.configured() ? ", tls=" + tls : "") + "]";
    }
}
