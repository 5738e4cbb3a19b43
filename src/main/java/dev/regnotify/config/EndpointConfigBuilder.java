package dev.regnotify.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds an {@link EndpointConfig}; every value is checked by {@link #build()}, in the constructors of the
 * groups, so a setter never throws. Not thread-safe: one builder, one thread.
 *
 * <p>{@link #threshold(int)} and {@link #backoff(Duration)} win over the threshold and backoff of the
 * {@link #retry(RetryConfig)} given, whichever is called first.
 *
 * @since 0.3
 */
public final class EndpointConfigBuilder {

    private final String name;
    private final URI url;
    private boolean disabled;
    private Map<String, List<String>> headers;
    private Duration timeout;
    private SigningConfig signing;
    private RetryConfig retry;
    private boolean ownThreshold;
    private int threshold;
    private boolean ownBackoff;
    private Duration backoff;
    private int queueCapacity;
    private int maxInFlight;
    private Format format;
    private String typePrefix;
    private BatchConfig batch;
    private IgnoreConfig ignore;
    private FilterConfig filter;
    private GuardConfig guard;
    private TlsConfig tls;
    private RateLimitConfig rateLimit;
    private AttemptLogConfig log;

    EndpointConfigBuilder(String name, URI url, boolean disabled, TransportConfig transport, RetryConfig retry,
            QueueConfig queue, EnvelopeConfig envelope, IgnoreConfig ignore, FilterConfig filter,
            RateLimitConfig rateLimit, AttemptLogConfig log) {
        this.name = name;
        this.url = url;
        this.disabled = disabled;
        this.headers = transport.headers();
        this.timeout = transport.timeout();
        this.signing = transport.signing();
        this.guard = transport.guard();
        this.tls = transport.tls();
        this.retry = retry;
        this.queueCapacity = queue.capacity();
        this.maxInFlight = queue.maxInFlight();
        this.format = envelope.format();
        this.typePrefix = envelope.typePrefix();
        this.batch = envelope.batch();
        this.ignore = ignore;
        this.filter = filter;
        this.rateLimit = rateLimit;
        this.log = log;
    }

    /**
     * @param value whether the endpoint is skipped ({@code disabled}, default false)
     * @return this builder
     */
    public EndpointConfigBuilder disabled(boolean value) {
        disabled = value;
        return this;
    }

    /**
     * @param value headers sent with every request, as given ({@code headers}, default none)
     * @return this builder
     */
    public EndpointConfigBuilder headers(Map<String, List<String>> value) {
        headers = value;
        return this;
    }

    /**
     * @param value how long one request may take ({@code timeout}, default 1s)
     * @return this builder
     */
    public EndpointConfigBuilder timeout(Duration value) {
        timeout = value;
        return this;
    }

    /**
     * @param value the secrets envelopes are signed with ({@code signing}, default none)
     * @return this builder
     */
    public EndpointConfigBuilder signing(SigningConfig value) {
        signing = value;
        return this;
    }

    /**
     * @param value how failed attempts are paced ({@code retry}, default distribution's rule); its threshold
     *              and backoff count unless {@link #threshold(int)} or {@link #backoff(Duration)} is called
     * @return this builder
     */
    public EndpointConfigBuilder retry(RetryConfig value) {
        retry = value;
        return this;
    }

    /**
     * @param value consecutive failures retried at once before backing off ({@code threshold}, default 10)
     * @return this builder
     */
    public EndpointConfigBuilder threshold(int value) {
        ownThreshold = true;
        threshold = value;
        return this;
    }

    /**
     * @param value the wait between attempts after {@code threshold} failures ({@code backoff}, default 1s)
     * @return this builder
     */
    public EndpointConfigBuilder backoff(Duration value) {
        ownBackoff = true;
        backoff = value;
        return this;
    }

    /**
     * @param value how many events the in-memory queue holds at most ({@code queuecapacity}, default 100,000)
     * @return this builder
     */
    public EndpointConfigBuilder queueCapacity(int value) {
        queueCapacity = value;
        return this;
    }

    /**
     * @param value how many envelopes may be in flight at once ({@code maxinflight}, default 1)
     * @return this builder
     */
    public EndpointConfigBuilder maxInFlight(int value) {
        maxInFlight = value;
        return this;
    }

    /**
     * @param value the shape of the notifications sent ({@code format}, default {@code v1})
     * @return this builder
     */
    public EndpointConfigBuilder format(Format value) {
        format = value;
        return this;
    }

    /**
     * @param value what a CloudEvents {@code type} starts with ({@code typeprefix}, default
     *              {@code dev.regnotify})
     * @return this builder
     */
    public EndpointConfigBuilder typePrefix(String value) {
        typePrefix = value;
        return this;
    }

    /**
     * @param value how many events one envelope may carry ({@code batch}, default one)
     * @return this builder
     */
    public EndpointConfigBuilder batch(BatchConfig value) {
        batch = value;
        return this;
    }

    /**
     * @param value what the endpoint does not want ({@code ignore}, default nothing)
     * @return this builder
     */
    public EndpointConfigBuilder ignore(IgnoreConfig value) {
        ignore = value;
        return this;
    }

    /**
     * @param value what the endpoint wants ({@code filter}, default everything)
     * @return this builder
     * @since 0.4
     */
    public EndpointConfigBuilder filter(FilterConfig value) {
        filter = value;
        return this;
    }

    /**
     * @param value which addresses its connections may reach ({@code guard}, default all)
     * @return this builder
     * @since 0.4
     */
    public EndpointConfigBuilder guard(GuardConfig value) {
        guard = value;
        return this;
    }

    /**
     * @param value the certificate authorities it trusts and its client certificate ({@code tls}, default the JDK's
     *        trust store and none)
     * @return this builder
     * @since 0.4
     */
    public EndpointConfigBuilder tls(TlsConfig value) {
        tls = value;
        return this;
    }

    /**
     * @param value how fast it may send ({@code ratelimit}, default no limit)
     * @return this builder
     * @since 0.4
     */
    public EndpointConfigBuilder rateLimit(RateLimitConfig value) {
        rateLimit = value;
        return this;
    }

    /**
     * @param value its attempt log ({@code log}, default {@link AttemptLogConfig#DEFAULT})
     * @return this builder
     * @since 0.3
     */
    public EndpointConfigBuilder log(AttemptLogConfig value) {
        log = value;
        return this;
    }

    /**
     * @return the endpoint
     * @throws IllegalArgumentException naming the key whose value is out of range, with the same messages as
     *         the configuration file's
     * @throws NullPointerException naming a required value that is null
     */
    public EndpointConfig build() {
        return new EndpointConfig(name, disabled, url, new TransportConfig(headers, timeout, signing, guard, tls),
                pacedRetry(), new QueueConfig(queueCapacity, maxInFlight),
                new EnvelopeConfig(format, typePrefix, batch), ignore, filter, rateLimit, log);
    }

    private RetryConfig pacedRetry() {
        if (!ownThreshold && !ownBackoff) {
            return retry;
        }
        Objects.requireNonNull(retry, "retry");
        return new RetryConfig(retry.policy(), ownThreshold ? threshold : retry.threshold(),
                ownBackoff ? backoff : retry.backoff(), retry.initialDelay(), retry.maxDelay(),
                retry.maxAttempts(), retry.maxAge());
    }
}
