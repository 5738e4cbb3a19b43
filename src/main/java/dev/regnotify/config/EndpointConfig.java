package dev.regnotify.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One webhook endpoint, with distribution's keys, its settings grouped by what they are about. Build one with
 * {@link #builder(String, URI)}; change one with {@link #toBuilder()}. Header values and the URL's path and query are
 * secrets: {@link #toString()} and every log, metric and snapshot redact them.
 *
 * <pre>{@code
 * EndpointConfig hooks = EndpointConfig.builder("hooks", URI.create("https://hooks.example.com/registry"))
 *         .timeout(Duration.ofSeconds(2))
 *         .batch(new BatchConfig(100, 1 << 20))
 *         .build();
 * }</pre>
 *
 * @param name the endpoint's name, unique among endpoints (it names its metrics and its thread)
 * @param disabled whether the endpoint is skipped
 * @param url where notifications are POSTed, {@code http} or {@code https}
 * @param transport how each request is made: headers, timeout, signing
 * @param retry how failed attempts are paced: distribution's {@code threshold} and {@code backoff}, and the
 *              {@code retry} block
 * @param queue how many events wait ({@code queuecapacity}) and how many envelopes are in flight
 *              ({@code maxinflight})
 * @param envelope what is sent: {@code format}, {@code typeprefix}, {@code batch}
 * @param ignore what the endpoint does not want
 * @param filter what the endpoint wants ({@code filter}, since 0.4): an event is sent when it matches the filter and
 *               is not ignored
 * @param rateLimit how fast it may send ({@code ratelimit}, since 0.4)
 * @param log its attempt log: {@code log.attempts}, {@code log.retention}, {@code log.maxbytes} (since 0.3)
 * @since 0.1
 */
public record EndpointConfig(String name, boolean disabled, URI url, TransportConfig transport, RetryConfig retry,
        QueueConfig queue, EnvelopeConfig envelope, IgnoreConfig ignore, FilterConfig filter,
        RateLimitConfig rateLimit, AttemptLogConfig log) {

    /** @deprecated since 0.3, for removal in 0.4: use {@link TransportConfig#DEFAULT_TIMEOUT} */
    @Deprecated(since = "0.3", forRemoval = true)
    public static final Duration DEFAULT_TIMEOUT = TransportConfig.DEFAULT_TIMEOUT;
    /** @deprecated since 0.3, for removal in 0.4: use {@link RetryConfig#DEFAULT_THRESHOLD} */
    @Deprecated(since = "0.3", forRemoval = true)
    public static final int DEFAULT_THRESHOLD = RetryConfig.DEFAULT_THRESHOLD;
    /** @deprecated since 0.3, for removal in 0.4: use {@link RetryConfig#DEFAULT_BACKOFF} */
    @Deprecated(since = "0.3", forRemoval = true)
    public static final Duration DEFAULT_BACKOFF = RetryConfig.DEFAULT_BACKOFF;
    /** @deprecated since 0.3, for removal in 0.4: use {@link QueueConfig#DEFAULT_CAPACITY} */
    @Deprecated(since = "0.3", forRemoval = true)
    public static final int DEFAULT_QUEUE_CAPACITY = QueueConfig.DEFAULT_CAPACITY;
    /** @deprecated since 0.3, for removal in 0.4: use {@link EnvelopeConfig#DEFAULT_TYPE_PREFIX} */
    @Deprecated(since = "0.3", forRemoval = true)
    public static final String DEFAULT_TYPE_PREFIX = EnvelopeConfig.DEFAULT_TYPE_PREFIX;
    /** @deprecated since 0.3, for removal in 0.4: use {@link QueueConfig#MAX_IN_FLIGHT} */
    @Deprecated(since = "0.3", forRemoval = true)
    public static final int MAX_IN_FLIGHT = QueueConfig.MAX_IN_FLIGHT;

    /** A name and an absolute http or https URL are required, and every group. */
    public EndpointConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an endpoint needs a name");
        }
        Objects.requireNonNull(url, "url");
        if (!url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("\"" + Redaction.url(url) + "\" is not an absolute http or https URL");
        }
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(ignore, "ignore");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(log, "log");
    }

    /**
     * The 0.3 shape, without a filter or a rate limit: every event not ignored is sent, as fast as it can be; the
     * attempt log keeps its defaults.
     *
     * @param name the endpoint's name
     * @param disabled whether the endpoint is skipped
     * @param url where notifications are POSTed
     * @param transport how each request is made
     * @param retry how failed attempts are paced
     * @param queue the queue's capacity and the envelopes in flight
     * @param envelope what is sent
     * @param ignore what the endpoint does not want
     * @since 0.3
     */
    public EndpointConfig(String name, boolean disabled, URI url, TransportConfig transport, RetryConfig retry,
            QueueConfig queue, EnvelopeConfig envelope, IgnoreConfig ignore) {
        this(name, disabled, url, transport, retry, queue, envelope, ignore, FilterConfig.ALL, RateLimitConfig.NONE,
                AttemptLogConfig.DEFAULT);
    }

    /**
     * The 0.2 shape, every setting its own component.
     *
     * @param name the endpoint's name
     * @param disabled whether the endpoint is skipped
     * @param url where notifications are POSTed
     * @param headers headers sent with every request
     * @param timeout how long one request may take
     * @param threshold failures retried at once
     * @param backoff the wait between attempts after that
     * @param ignore what the endpoint does not want
     * @param batch how many events one envelope may carry
     * @param format the shape of the notifications sent
     * @param queueCapacity how many events the in-memory queue holds at most
     * @param maxInFlight how many envelopes may be in flight at once
     * @param signing the secrets envelopes are signed with
     * @param typePrefix with a CloudEvents format, what each event's {@code type} starts with
     * @param retry how failed attempts are paced; its threshold and backoff are replaced by {@code threshold} and
     *              {@code backoff}, as in 0.2
     * @deprecated since 0.3, for removal in 0.4: use {@link #builder(String, URI)}
     */
    @Deprecated(since = "0.3", forRemoval = true)
    public EndpointConfig(String name, boolean disabled, URI url, Map<String, List<String>> headers,
            Duration timeout, int threshold, Duration backoff, IgnoreConfig ignore, BatchConfig batch, Format format,
            int queueCapacity, int maxInFlight, SigningConfig signing, String typePrefix, RetryConfig retry) {
        this(name, disabled, url, new TransportConfig(headers, timeout, signing), paced(retry, threshold, backoff),
                new QueueConfig(queueCapacity, maxInFlight), new EnvelopeConfig(format, typePrefix, batch), ignore);
    }

    /**
     * The endpoint as distribution configures it, with the default queue capacity and one envelope in flight.
     *
     * @param name the endpoint's name
     * @param disabled whether the endpoint is skipped
     * @param url where notifications are POSTed
     * @param headers headers sent with every request
     * @param timeout how long one request may take
     * @param threshold failures retried at once
     * @param backoff the wait between attempts after that
     * @param ignore what the endpoint does not want
     * @param batch how many events one envelope may carry
     * @param format the shape of the notifications sent
     * @deprecated since 0.3, for removal in 0.4: use {@link #builder(String, URI)}
     */
    @Deprecated(since = "0.3", forRemoval = true)
    public EndpointConfig(String name, boolean disabled, URI url, Map<String, List<String>> headers,
            Duration timeout, int threshold, Duration backoff, IgnoreConfig ignore, BatchConfig batch,
            Format format) {
        this(name, disabled, url, new TransportConfig(headers, timeout, SigningConfig.NONE),
                paced(RetryConfig.DISTRIBUTION, threshold, backoff), QueueConfig.DEFAULT,
                new EnvelopeConfig(format, EnvelopeConfig.DEFAULT_TYPE_PREFIX, batch), ignore);
    }

    /**
     * The shortest way to an endpoint, kept beside the builder for one-liners: {@code EndpointConfig.of(name, url)}
     * equals {@code EndpointConfig.builder(name, url).build()}.
     *
     * @param name the endpoint's name
     * @param url where to POST
     * @return an enabled endpoint with distribution's defaults, no headers, nothing ignored, one event per envelope
     */
    public static EndpointConfig of(String name, URI url) {
        return builder(name, url).build();
    }

    /**
     * @param name the endpoint's name, unique among endpoints
     * @param url where notifications are POSTed
     * @return a builder with distribution's defaults, no headers, nothing ignored, one event per envelope
     * @since 0.3
     */
    public static EndpointConfigBuilder builder(String name, URI url) {
        return new EndpointConfigBuilder(name, url, false, TransportConfig.DEFAULT, RetryConfig.DISTRIBUTION,
                QueueConfig.DEFAULT, EnvelopeConfig.DEFAULT, IgnoreConfig.NONE, FilterConfig.ALL, RateLimitConfig.NONE,
                AttemptLogConfig.DEFAULT);
    }

    /**
     * @return a builder holding this endpoint's settings
     * @since 0.3
     */
    public EndpointConfigBuilder toBuilder() {
        return new EndpointConfigBuilder(name, url, disabled, transport, retry, queue, envelope, ignore, filter,
                rateLimit, log);
    }

    /** @return the URL without what may be a secret: its scheme, host and port only ({@link Redaction#url(URI)}) */
    public String redactedUrl() {
        return Redaction.url(url);
    }

    /** @return the headers with every value replaced by {@code <redacted>} */
    public Map<String, List<String>> redactedHeaders() {
        return transport.redactedHeaders();
    }

    @Override
    public String toString() {
        return "EndpointConfig[name=" + name + ", disabled=" + disabled + ", url=" + redactedUrl() + ", headers="
                + redactedHeaders() + ", timeout=" + Durations.format(transport.timeout()) + ", threshold="
                + retry.threshold() + ", backoff=" + Durations.format(retry.backoff()) + ", ignore=" + ignore
                + (filter.isAll() ? "" : ", filter=" + filter) + ", batch=" + envelope.batch() + ", format="
                + envelope.format().key() + ", queuecapacity="
                + queue.capacity() + ", maxinflight=" + queue.maxInFlight() + ", signing=" + transport.signing()
                + ", typeprefix=" + envelope.typePrefix() + ", retry=" + retry.describePolicy()
                + (transport.guard().enabled() ? ", guard=" + transport.guard() : "")
                + (transport.tls().configured() ? ", tls=" + transport.tls() : "")
                + (rateLimit.limits() ? ", ratelimit=" + rateLimit : "") + "]";
    }

    // The 0.2 accessors, kept for one release so that callers compile unchanged.

    /** @deprecated since 0.3, for removal in 0.4: use {@code transport().headers()} */
    @Deprecated(since = "0.3", forRemoval = true)
    public Map<String, List<String>> headers() {
        return transport.headers();
    }

    /** @deprecated since 0.3, for removal in 0.4: use {@code transport().timeout()} */
    @Deprecated(since = "0.3", forRemoval = true)
    public Duration timeout() {
        return transport.timeout();
    }

    /** @deprecated since 0.3, for removal in 0.4: use {@code transport().signing()} */
    @Deprecated(since = "0.3", forRemoval = true)
    public SigningConfig signing() {
        return transport.signing();
    }

    /** @deprecated since 0.3, for removal in 0.4: use {@code retry().threshold()} */
    @Deprecated(since = "0.3", forRemoval = true)
    public int threshold() {
        return retry.threshold();
    }

    /** @deprecated since 0.3, for removal in 0.4: use {@code retry().backoff()} */
    @Deprecated(since = "0.3", forRemoval = true)
    public Duration backoff() {
        return retry.backoff();
    }

    /** @deprecated since 0.3, for removal in 0.4: use {@code queue().capacity()} */
    @Deprecated(since = "0.3", forRemoval = true)
    public int queueCapacity() {
        return queue.capacity();
    }

    /** @deprecated since 0.3, for removal in 0.4: use {@code queue().maxInFlight()} */
    @Deprecated(since = "0.3", forRemoval = true)
    public int maxInFlight() {
        return queue.maxInFlight();
    }

    /** @deprecated since 0.3, for removal in 0.4: use {@code envelope().format()} */
    @Deprecated(since = "0.3", forRemoval = true)
    public Format format() {
        return envelope.format();
    }

    /** @deprecated since 0.3, for removal in 0.4: use {@code envelope().typePrefix()} */
    @Deprecated(since = "0.3", forRemoval = true)
    public String typePrefix() {
        return envelope.typePrefix();
    }

    /** @deprecated since 0.3, for removal in 0.4: use {@code envelope().batch()} */
    @Deprecated(since = "0.3", forRemoval = true)
    public BatchConfig batch() {
        return envelope.batch();
    }

    // The 0.2 withers, kept for one release; each is one builder call.

    /**
     * @param newBatch the batching limits
     * @return this endpoint with those limits
     * @deprecated since 0.3, for removal in 0.4: use {@code toBuilder().batch(newBatch).build()}
     */
    @Deprecated(since = "0.3", forRemoval = true)
    public EndpointConfig withBatch(BatchConfig newBatch) {
        return toBuilder().batch(newBatch).build();
    }

    /**
     * @param newFormat the shape of notifications
     * @return this endpoint with that shape
     * @deprecated since 0.3, for removal in 0.4: use {@code toBuilder().format(newFormat).build()}
     */
    @Deprecated(since = "0.3", forRemoval = true)
    public EndpointConfig withFormat(Format newFormat) {
        return toBuilder().format(newFormat).build();
    }

    /**
     * Sets the request timeout too, as in 0.2.
     *
     * @param newTimeout the request timeout
     * @param newThreshold the failure threshold
     * @param newBackoff the backoff
     * @return this endpoint with that retry behaviour
     * @deprecated since 0.3, for removal in 0.4: use
     *             {@code toBuilder().timeout(newTimeout).threshold(newThreshold).backoff(newBackoff).build()}
     */
    @Deprecated(since = "0.3", forRemoval = true)
    public EndpointConfig withRetry(Duration newTimeout, int newThreshold, Duration newBackoff) {
        return toBuilder().timeout(newTimeout).threshold(newThreshold).backoff(newBackoff).build();
    }

    /**
     * @param newHeaders the headers to send
     * @return this endpoint sending those headers
     * @deprecated since 0.3, for removal in 0.4: use {@code toBuilder().headers(newHeaders).build()}
     */
    @Deprecated(since = "0.3", forRemoval = true)
    public EndpointConfig withHeaders(Map<String, List<String>> newHeaders) {
        return toBuilder().headers(newHeaders).build();
    }

    /**
     * @param newIgnore what to ignore
     * @return this endpoint ignoring that
     * @deprecated since 0.3, for removal in 0.4: use {@code toBuilder().ignore(newIgnore).build()}
     */
    @Deprecated(since = "0.3", forRemoval = true)
    public EndpointConfig withIgnore(IgnoreConfig newIgnore) {
        return toBuilder().ignore(newIgnore).build();
    }

    /**
     * @param newCapacity how many events the in-memory queue holds at most
     * @return this endpoint with that capacity
     * @deprecated since 0.3, for removal in 0.4: use {@code toBuilder().queueCapacity(newCapacity).build()}
     */
    @Deprecated(since = "0.3", forRemoval = true)
    public EndpointConfig withQueueCapacity(int newCapacity) {
        return toBuilder().queueCapacity(newCapacity).build();
    }

    /**
     * @param newMaxInFlight how many envelopes may be in flight at once
     * @return this endpoint with that many
     * @deprecated since 0.3, for removal in 0.4: use {@code toBuilder().maxInFlight(newMaxInFlight).build()}
     */
    @Deprecated(since = "0.3", forRemoval = true)
    public EndpointConfig withMaxInFlight(int newMaxInFlight) {
        return toBuilder().maxInFlight(newMaxInFlight).build();
    }

    /**
     * @param newSigning the secrets to sign envelopes with
     * @return this endpoint signing with them
     * @deprecated since 0.3, for removal in 0.4: use {@code toBuilder().signing(newSigning).build()}
     */
    @Deprecated(since = "0.3", forRemoval = true)
    public EndpointConfig withSigning(SigningConfig newSigning) {
        return toBuilder().signing(newSigning).build();
    }

    /**
     * Keeps this endpoint's threshold and backoff, as in 0.2, whatever {@code newRetry} holds.
     *
     * @param newRetry how failed attempts are paced
     * @return this endpoint pacing them so
     * @deprecated since 0.3, for removal in 0.4: use {@code toBuilder().retry(newRetry).build()}, which takes the
     *             threshold and the backoff from {@code newRetry} too
     */
    @Deprecated(since = "0.3", forRemoval = true)
    public EndpointConfig withRetryPolicy(RetryConfig newRetry) {
        return toBuilder().retry(newRetry).threshold(retry.threshold()).backoff(retry.backoff()).build();
    }

    /** In 0.2 the threshold and the backoff were the endpoint's and the retry block had neither: they win. */
    private static RetryConfig paced(RetryConfig retry, int threshold, Duration backoff) {
        Objects.requireNonNull(retry, "retry");
        return new RetryConfig(retry.policy(), threshold, backoff, retry.initialDelay(), retry.maxDelay(),
                retry.maxAttempts(), retry.maxAge());
    }
}
