package dev.regnotify.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs envelopes with Apache HttpClient 5 (classic, blocking I/O on the endpoint's own thread: measured at three
 * times the JDK client's rate for a third of its CPU, docs/performance.md): HTTP/1.1 keep-alive connections reused,
 * redirects not followed (a receiver cannot bounce events to another host; a 3xx is a failure naming its
 * {@code Location}), success on 2xx only, response bodies read to 4 KiB, the configured headers sent as given. The
 * timeout bounds the whole attempt, from connecting to the last byte of the response: a receiver that stalls, even
 * one trickling its body, is given up on and the connection closed. As Go's client does for distribution,
 * {@code user:password@} in the URL is sent as Basic authentication unless an {@code Authorization} header is
 * configured.
 *
 * @since 0.1
 */
public final class HttpSink implements Sink {

    static final int BODY_LIMIT = 4096;

    private final URI target;
    private final String receiver;
    private final List<String[]> headers;
    private final Duration timeout;
    private final EndpointMetrics metrics;
    private final boolean contentTypeConfigured;
    private final CloseableHttpClient client;
    private final Set<HttpPost> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * @param url where to POST
     * @param headers headers to send with every request
     * @param timeout how long one attempt may take, from connecting to the response's last byte
     * @param metrics the counters to update per attempt
     * @throws IllegalArgumentException naming a header that cannot be sent: one the client sets itself (Host,
     *         Content-Length ...), or a value with a line break (the value is not quoted: it may be a secret)
     */
    public HttpSink(URI url, Map<String, List<String>> headers, Duration timeout, EndpointMetrics metrics) {
        this(url, headers, timeout, 1, metrics);
    }

    /**
     * @param url where to POST
     * @param headers headers to send with every request
     * @param timeout how long one attempt may take, from connecting to the response's last byte
     * @param connections how many attempts may be in flight at once, each on a connection of its own
     * @param metrics the counters to update per attempt
     * @throws IllegalArgumentException naming a header that cannot be sent
     */
    public HttpSink(URI url, Map<String, List<String>> headers, Duration timeout, int connections,
            EndpointMetrics metrics) {
        this.target = withoutUserInfo(url);
        this.receiver = target.getHost() + ":" + (target.getPort() >= 0 ? target.getPort()
                : "https".equals(target.getScheme()) ? 443 : 80);
        this.timeout = timeout;
        this.metrics = metrics;
        this.headers = flatten(headers, url.getUserInfo());
        this.contentTypeConfigured = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Content-Type"));
        Timeout limit = Timeout.of(timeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(new LazyTls())
                        .setMaxConnPerRoute(connections).setMaxConnTotal(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit)
                                .setSocketTimeout(limit)
                                // a connection the receiver closed while idle is found before it is used
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).setResponseTimeout(limit)
                        .setConnectionRequestTimeout(limit).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .disableAuthCaching().disableContentCompression().setUserAgent("regnotify")
                .build();
    }

    @Override
    public void send(Envelope envelope) throws DeliveryException, InterruptedException {
        HttpPost post = request(envelope);
        inFlight.add(post);
        Deadlines.Watch watch = Deadlines.watch(System.nanoTime() + timeout.toNanos(), post::cancel);
        Answer answer;
        try {
            answer = client.execute(post, HttpSink::answer);
        } catch (IOException e) {
            metrics.errored(envelope.events());
            throw new DeliveryException(watch.expired() ? late() : unreachable(e), e);
        } finally {
            watch.done();
            inFlight.remove(post);
        }
        int status = answer.status();
        if (status >= 200 && status < 300) {
            metrics.succeeded(status, envelope.events());
            return;
        }
        metrics.failed(status, envelope.events());
        if (status >= 300 && status < 400) {
            String message = "the receiver answered " + StatusText.line(status) + " to "
                    + (answer.location() == null ? "no Location" : answer.location()) + "; redirects are not followed";
            throw new DeliveryException(message, status, message, null);
        }
        String body = answer.body().strip();
        // only these two answers mean "later"; elsewhere the header is not defined for a failure
        Duration retryAfter = status == 429 || status == 503 ? RetryAfter.parse(answer.retryAfter(), Instant.now())
                : null;
        throw new DeliveryException("the receiver answered " + StatusText.line(status)
                + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(body.length(), 200))), status,
                StatusText.line(status) + (body.isEmpty() ? "" : ": " + body), retryAfter);
    }

    /**
     * The client's default TLS (the JDK's trust store, hostname verification), made when a first https connection
     * needs it: loading the trust store and the TLS provider costs a quarter of a second of CPU at start, for nothing
     * when the endpoint is plain http.
     */
    private static final class LazyTls implements TlsSocketStrategy {

        private volatile TlsSocketStrategy tls;

        @Override
        public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
                throws IOException {
            TlsSocketStrategy strategy = tls;
            if (strategy == null) {
                synchronized (this) {
                    if (tls == null) {
                        tls = DefaultClientTlsStrategy.createDefault();
                    }
                    strategy = tls;
                }
            }
            return strategy.upgrade(socket, target, port, attachment, context);
        }
    }

    /** What a response said: its status, where it redirects, when to come back, and the start of its body. */
    private record Answer(int status, String location, String retryAfter, String body) {
    }

    /** Reads what is kept of the response; the rest of its body is read and discarded, keeping the connection. */
    private static Answer answer(ClassicHttpResponse response) throws IOException {
        Header location = response.getFirstHeader("Location");
        Header retryAfter = response.getFirstHeader("Retry-After");
        HttpEntity entity = response.getEntity();
        String body = "";
        if (entity != null) {
            try (InputStream in = entity.getContent()) {
                body = new String(in.readNBytes(BODY_LIMIT), StandardCharsets.UTF_8);
            } finally {
                EntityUtils.consume(entity);
            }
        }
        return new Answer(response.getCode(), location == null ? null : location.getValue(),
                retryAfter == null ? null : retryAfter.getValue(), body);
    }

    private String late() {
        return "no complete answer from " + receiver + " within " + timeout.toMillis() + " ms";
    }

    /** @return why the receiver could not be reached, naming it and the innermost cause */
    private String unreachable(Throwable failure) {
        Throwable root = failure;
        boolean refused = false;
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "cannot resolve the host of " + receiver;
            }
            if (t instanceof ConnectTimeoutException) {
                return "could not connect to " + receiver + " within " + timeout.toMillis() + " ms";
            }
            if (t instanceof SocketTimeoutException) {
                return late();
            }
            if (t instanceof NoHttpResponseException) {
                return receiver + " closed the connection without answering";
            }
            refused |= t instanceof ConnectException;
            root = t;
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // the client's message repeats the address ("Connect to http://host:port failed: Connection refused")
        detail = detail.substring(detail.lastIndexOf(": ") + 1).strip();
        return (refused ? "cannot connect to " : "cannot reach ") + receiver + " (" + detail + ")";
    }

    private HttpPost request(Envelope envelope) {
        HttpPost post = new HttpPost(target);
        for (String[] header : headers) {
            post.addHeader(header[0], header[1]);
        }
        if (!contentTypeConfigured) {
            post.setHeader("Content-Type", envelope.contentType());
        }
        envelope.headers().forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(envelope.body(), null));
        return post;
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

    private static List<String[]> flatten(Map<String, List<String>> headers, String userInfo) {
        List<String[]> flat = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(value -> {
            HeaderRules.check(name, value);
            flat.add(new String[] {name, value});
        }));
        boolean authorizationConfigured = headers.keySet().stream().anyMatch("Authorization"::equalsIgnoreCase);
        if (userInfo != null && !authorizationConfigured) {
            String credentials = userInfo.contains(":") ? userInfo : userInfo + ":";
            flat.add(new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    credentials.getBytes(StandardCharsets.UTF_8))});
        }
        return List.copyOf(flat);
    }

    /** Cancels the attempts in flight, if any: their connections are closed, and {@link #send} fails at once. */
    @Override
    public void abort() {
        inFlight.forEach(HttpPost::cancel);
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }
}
