package dev.regnotify.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * POSTs envelopes with the JDK's HTTP client: HTTP/1.1 keep-alive connections reused, redirects not followed (a
 * receiver cannot bounce events to another host; a 3xx is a failure naming its {@code Location}), success on 2xx
 * only, response bodies read to 4 KiB, the configured headers sent as given. The timeout bounds the whole attempt,
 * connection to the last byte of the response: a receiver that stalls in its body is given up on and the exchange
 * cancelled. As Go's client does for distribution, {@code user:password@} in the URL is sent as Basic
 * authentication unless an {@code Authorization} header is configured.
 *
 * @since 0.1
 */
public final class HttpSink implements Sink {

    private final URI target;
    private final String receiver;
    private final String[] headers;
    private final Duration timeout;
    private final EndpointMetrics metrics;
    private final boolean contentTypeConfigured;
    private final HttpClient client;

    /**
     * @param url where to POST
     * @param headers headers to send with every request
     * @param timeout how long one attempt may take, from connecting to the response's last byte
     * @param metrics the counters to update per attempt
     * @throws IllegalArgumentException naming a header the JDK's client does not let callers set, or whose value it
     *         refuses (the value is not quoted: it may be a secret)
     */
    public HttpSink(URI url, Map<String, List<String>> headers, Duration timeout, EndpointMetrics metrics) {
        this.target = withoutUserInfo(url);
        this.receiver = target.getHost() + ":" + (target.getPort() >= 0 ? target.getPort()
                : "https".equals(target.getScheme()) ? 443 : 80);
        this.timeout = timeout;
        this.metrics = metrics;
        this.headers = flatten(headers, url.getUserInfo());
        this.contentTypeConfigured = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Content-Type"));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
        // fail now, not at the first event, on a header the client refuses (Host, Connection, a line break ...)
        for (int i = 0; i < this.headers.length; i += 2) {
            try {
                HttpRequest.newBuilder(target).header(this.headers[i], this.headers[i + 1]);
            } catch (IllegalArgumentException e) {
                String message = String.valueOf(e.getMessage());
                throw new IllegalArgumentException("header \"" + this.headers[i] + "\": " + (message.contains(
                        "restricted") ? "is set by the HTTP client and cannot be configured"
                        : "not a valid HTTP header (a line break or another control character in its value? The "
                        + "value is not shown: it may be a secret)"));
            }
        }
    }

    @Override
    public void send(Envelope envelope) throws DeliveryException, InterruptedException {
        // send, not sendAsync: the JDK's sendAsync hands every completion to the common pool, a thread switch per
        // attempt that cost a third of the throughput; the body's deadline is kept by BoundedBody instead
        HttpResponse<String> response;
        try {
            response = client.send(request(envelope), BoundedBody.handler(System.nanoTime() + timeout.toNanos()));
        } catch (IOException e) {
            metrics.errored(envelope.events());
            throw new DeliveryException(unreachable(e), e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            metrics.succeeded(status, envelope.events());
            return;
        }
        metrics.failed(status, envelope.events());
        if (status >= 300 && status < 400) {
            throw new DeliveryException("the receiver answered " + StatusText.line(status) + " to "
                    + response.headers().firstValue("Location").orElse("no Location")
                    + "; redirects are not followed");
        }
        String body = response.body().strip();
        throw new DeliveryException("the receiver answered " + StatusText.line(status)
                + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(body.length(), 200))));
    }

    /** @return why the receiver could not be reached, naming it and the innermost cause */
    private String unreachable(Throwable failure) {
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof BoundedBody.LateException) {
                return "no complete answer from " + receiver + " within " + timeout.toMillis() + " ms";
            }
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return "could not connect to " + receiver + " within " + timeout.toMillis() + " ms";
        }
        if (failure instanceof HttpTimeoutException) {
            return "no answer from " + receiver + " within " + timeout.toMillis() + " ms";
        }
        boolean refused = false;
        Throwable explained = null;
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "cannot resolve the host of " + receiver;
            }
            refused |= t instanceof ConnectException;
            if (explained == null && t.getMessage() != null) {
                explained = t;
            }
        }
        if (refused) {
            // the JDK's client says nothing more of a refused connection than a ConnectException without message
            return "cannot connect to " + receiver + " (" + (explained == null ? "connection refused"
                    : explained.getMessage()) + ")";
        }
        return "cannot reach " + receiver + " (" + (explained == null ? failure.getClass().getSimpleName()
                : explained.getClass().getSimpleName() + ": " + explained.getMessage()) + ")";
    }

    private HttpRequest request(Envelope envelope) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope.body()));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        if (!contentTypeConfigured) {
            builder.header("Content-Type", envelope.contentType());
        }
        envelope.headers().forEach(builder::header);
        return builder.build();
    }

    private static URI withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url;
        }
        String authority = url.getRawAuthority();
        return URI.create(url.getScheme() + "://" + authority.substring(authority.lastIndexOf('@') + 1)
                + (url.getRawPath() == null ? "" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }

    private static String[] flatten(Map<String, List<String>> headers, String userInfo) {
        List<String> flat = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(value -> {
            flat.add(name);
            flat.add(value);
        }));
        boolean authorizationConfigured = headers.keySet().stream().anyMatch("Authorization"::equalsIgnoreCase);
        if (userInfo != null && !authorizationConfigured) {
            String credentials = userInfo.contains(":") ? userInfo : userInfo + ":";
            flat.add("Authorization");
            flat.add("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return flat.toArray(String[]::new);
    }

    @Override
    public void close() {
        // HttpClient frees its connections and selector thread when unreachable (its close() is Java 21+)
    }
}
