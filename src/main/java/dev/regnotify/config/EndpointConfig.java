package dev.regnotify.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One webhook endpoint, with distribution's keys. Header values are secrets: {@link #toString()} and every log,
 * metric and snapshot redact them.
 *
 * @param name the endpoint's name, unique among endpoints (it names its metrics and its thread)
 * @param disabled whether the endpoint is skipped
 * @param url where notifications are POSTed, {@code http} or {@code https}
 * @param headers headers sent with every request, as given
 * @param timeout how long one request may take (default 1s)
 * @param threshold how many consecutive failures are retried at once before backing off (default 10)
 * @param backoff how long to wait between attempts after {@code threshold} failures (default 1s)
 * @param ignore what the endpoint does not want
 * @param batch how many events one envelope may carry
 * @param format the shape of the notifications sent
 * @param queueCapacity how many events the endpoint's in-memory queue holds at most ({@code queuecapacity}, default
 *                      100,000: about 35 MB of heap for typical events); beyond, events are dropped and counted. With
 *                      a journal, its {@code maxbytes} bounds the endpoints instead
 * @param maxInFlight how many envelopes may be in flight at once ({@code maxinflight}, default 1: one at a time, in
 *                    the order the events were produced); with more, events are partitioned by repository and stay
 *                    in order per repository
 * @param signing the secrets envelopes are signed with (Standard Webhooks), or none ({@code signing.secrets})
 * @param typePrefix with a CloudEvents format, what each event's {@code type} starts with ({@code typeprefix},
 *                   default {@code dev.regnotify}: {@code dev.regnotify.manifest.pushed})
 * @param retry how failed attempts are paced ({@code retry}; default distribution's {@code threshold} and
 *              {@code backoff})
 * @since 0.1
 */
public record EndpointConfig(String name, boolean disabled, URI url, Map<String, List<String>> headers,
        Duration timeout, int threshold, Duration backoff, IgnoreConfig ignore, BatchConfig batch, Format format,
        int queueCapacity, int maxInFlight, SigningConfig signing, String typePrefix, RetryConfig retry) {

    /** distribution's default request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** distribution's default failure threshold. */
    public static final int DEFAULT_THRESHOLD = 10;
    /** distribution's default backoff. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    /** The default capacity of an endpoint's in-memory queue, in events. */
    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
    /** What a CloudEvents {@code type} starts with unless configured. */
    public static final String DEFAULT_TYPE_PREFIX = "dev.regnotify";
    /** The most envelopes an endpoint may have in flight (each is a thread and a connection). */
    public static final int MAX_IN_FLIGHT = 64;

    /** Validates and copies. */
    public EndpointConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an endpoint needs a name");
        }
        Objects.requireNonNull(url, "url");
        if (!url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("\"" + Redaction.url(url) + "\" is not an absolute http or https URL");
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((key, values) -> copy.put(key, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copy);
        requirePositive(timeout, "timeout");
        requirePositive(backoff, "backoff");
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be 1 or more, got " + threshold);
        }
        Objects.requireNonNull(ignore, "ignore");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(retry, "retry");
        if (typePrefix == null || typePrefix.isBlank()) {
            throw new IllegalArgumentException("typeprefix must not be empty");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queuecapacity must be 1 or more, got " + queueCapacity);
        }
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
            throw new IllegalArgumentException("maxinflight must be from 1 to " + MAX_IN_FLIGHT + ", got "
                    + maxInFlight);
        }
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
     */
    public EndpointConfig(String name, boolean disabled, URI url, Map<String, List<String>> headers,
            Duration timeout, int threshold, Duration backoff, IgnoreConfig ignore, BatchConfig batch,
            Format format) {
        this(name, disabled, url, headers, timeout, threshold, backoff, ignore, batch, format,
                DEFAULT_QUEUE_CAPACITY, 1, SigningConfig.NONE, DEFAULT_TYPE_PREFIX, RetryConfig.DISTRIBUTION);
    }

    /**
     * @param name the endpoint's name
     * @param url where to POST
     * @return an enabled endpoint with distribution's defaults, no headers, nothing ignored, one event per envelope
     */
    public static EndpointConfig of(String name, URI url) {
        return new EndpointConfig(name, false, url, Map.of(), DEFAULT_TIMEOUT, DEFAULT_THRESHOLD, DEFAULT_BACKOFF,
                IgnoreConfig.NONE, BatchConfig.SINGLE, Format.V1);
    }

    /**
     * @param newBatch the batching limits
     * @return this endpoint with those limits
     */
    public EndpointConfig withBatch(BatchConfig newBatch) {
        return new EndpointConfig(name, disabled, url, headers, timeout, threshold, backoff, ignore, newBatch, format,
                queueCapacity, maxInFlight, signing, typePrefix, retry);
    }

    /**
     * @param newFormat the shape of notifications
     * @return this endpoint with that shape
     */
    public EndpointConfig withFormat(Format newFormat) {
        return new EndpointConfig(name, disabled, url, headers, timeout, threshold, backoff, ignore, batch, newFormat,
                queueCapacity, maxInFlight, signing, typePrefix, retry);
    }

    /**
     * @param newTimeout the request timeout
     * @param newThreshold the failure threshold
     * @param newBackoff the backoff
     * @return this endpoint with that retry behaviour
     */
    public EndpointConfig withRetry(Duration newTimeout, int newThreshold, Duration newBackoff) {
        return new EndpointConfig(name, disabled, url, headers, newTimeout, newThreshold, newBackoff, ignore, batch,
                format, queueCapacity, maxInFlight, signing, typePrefix, retry);
    }

    /**
     * @param newHeaders the headers to send
     * @return this endpoint sending those headers
     */
    public EndpointConfig withHeaders(Map<String, List<String>> newHeaders) {
        return new EndpointConfig(name, disabled, url, newHeaders, timeout, threshold, backoff, ignore, batch, format,
                queueCapacity, maxInFlight, signing, typePrefix, retry);
    }

    /**
     * @param newIgnore what to ignore
     * @return this endpoint ignoring that
     */
    public EndpointConfig withIgnore(IgnoreConfig newIgnore) {
        return new EndpointConfig(name, disabled, url, headers, timeout, threshold, backoff, newIgnore, batch, format,
                queueCapacity, maxInFlight, signing, typePrefix, retry);
    }

    /**
     * @param newCapacity how many events the in-memory queue holds at most
     * @return this endpoint with that capacity
     */
    public EndpointConfig withQueueCapacity(int newCapacity) {
        return new EndpointConfig(name, disabled, url, headers, timeout, threshold, backoff, ignore, batch, format,
                newCapacity, maxInFlight, signing, typePrefix, retry);
    }

    /**
     * @param newMaxInFlight how many envelopes may be in flight at once
     * @return this endpoint with that many
     */
    public EndpointConfig withMaxInFlight(int newMaxInFlight) {
        return new EndpointConfig(name, disabled, url, headers, timeout, threshold, backoff, ignore, batch, format,
                queueCapacity, newMaxInFlight, signing, typePrefix, retry);
    }

    /**
     * @param newSigning the secrets to sign envelopes with
     * @return this endpoint signing with them
     */
    public EndpointConfig withSigning(SigningConfig newSigning) {
        return new EndpointConfig(name, disabled, url, headers, timeout, threshold, backoff, ignore, batch, format,
                queueCapacity, maxInFlight, newSigning, typePrefix, retry);
    }

    /**
     * @param newRetry how failed attempts are paced
     * @return this endpoint pacing them so
     */
    public EndpointConfig withRetryPolicy(RetryConfig newRetry) {
        return new EndpointConfig(name, disabled, url, headers, timeout, threshold, backoff, ignore, batch, format,
                queueCapacity, maxInFlight, signing, typePrefix, newRetry);
    }

    /** @return the URL without what may be a secret: its scheme, host and port only ({@link Redaction#url(URI)}) */
    public String redactedUrl() {
        return Redaction.url(url);
    }

    /** @return the headers with every value replaced by {@code <redacted>} */
    public Map<String, List<String>> redactedHeaders() {
        return headers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(v -> "<redacted>").toList(), (a, b) -> a, LinkedHashMap::new));
    }

    @Override
    public String toString() {
        return "EndpointConfig[name=" + name + ", disabled=" + disabled + ", url=" + redactedUrl() + ", headers="
                + redactedHeaders() + ", timeout=" + Durations.format(timeout) + ", threshold=" + threshold
                + ", backoff=" + Durations.format(backoff) + ", ignore=" + ignore + ", batch=" + batch + ", format="
                + format.key() + ", queuecapacity=" + queueCapacity + ", maxinflight=" + maxInFlight + ", signing="
                + signing + ", typeprefix=" + typePrefix + ", retry=" + retry + "]";
    }

    private static void requirePositive(Duration duration, String key) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + duration);
        }
    }
}
