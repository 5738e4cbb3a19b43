package dev.regnotify.delivery.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.HttpProcessor;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.RequestConnControl;
import org.apache.hc.core5.http.protocol.RequestContent;
import org.apache.hc.core5.http.protocol.RequestTargetHost;
import org.apache.hc.core5.http.protocol.RequestUserAgent;

import dev.regnotify.config.Redaction;
import dev.regnotify.delivery.AttemptListener;
import dev.regnotify.delivery.DeliveryException;
import dev.regnotify.delivery.Envelope;
import dev.regnotify.delivery.Sink;

/**
 * POSTs envelopes over HTTP/1.1 with Apache HttpCore 5 (its classic, blocking request executor and connections, on
 * the endpoint's own thread: measured at half the CPU of Apache HttpClient's per request and a third of the JDK
 * client's, docs/performance.md): keep-alive connections reused ({@link HttpConnections}), redirects not followed (a
 * receiver cannot bounce events to another host; a 3xx is a failure naming its {@code Location}), success on 2xx
 * only, response bodies read to 4 KiB, the configured headers sent as given, no {@code Expect: 100-continue} (a
 * round trip per request). The timeout bounds the whole attempt, from looking up the host ({@link HostLookup}) to the
 * last byte of the response: a receiver that stalls, even one trickling its body, is given up on and the connection
 * closed. As Go's client does for distribution, {@code user:password@} in the URL is sent as Basic authentication
 * unless an {@code Authorization} header is configured. Attempts may run on several threads at once, each on a
 * connection of its own.
 *
 * @since 0.1
 */
// not final for one release: its deprecated forwarder in dev.regnotify.delivery extends it
public class HttpSink implements Sink {

    static final int BODY_LIMIT = 4096;

    // what HttpClient adds to a request, less Expect: 100-continue
    private static final HttpProcessor PROCESSOR = HttpProcessorBuilder.create().addAll(new RequestContent(),
            new RequestTargetHost(), new RequestConnControl(), new RequestUserAgent("regnotify")).build();
    private static final HttpRequestExecutor EXECUTOR = new HttpRequestExecutor();

    private final HttpHost host;
    private final String path;
    private final String receiver;
    private final List<String[]> headers;
    private final Duration timeout;
    private final int timeoutMillis;
    private final AttemptListener attempts;
    private final boolean contentTypeConfigured;
    private final HttpConnections connections;
    private final Set<HttpAttempt> inFlight = ConcurrentHashMap.newKeySet();
    private final Deadlines deadlines;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A sink whose attempts are watched by a watchdog it shares with the other sinks made so, until the last of them is
     * closed: close it.
     *
     * @param url where to POST
     * @param headers headers to send with every request
     * @param timeout how long one attempt may take, from looking up the host to the response's last byte
     * @param attempts told how each attempt ended (the endpoint's counters)
     * @throws IllegalArgumentException naming a header that cannot be sent: one the client sets itself (Host,
     *         Content-Length ...), or a value with a line break (the value is not quoted: it may be a secret)
     */
    public HttpSink(URI url, Map<String, List<String>> headers, Duration timeout, AttemptListener attempts) {
        this(url, headers, timeout, attempts, HttpConnections::defaultTls);
    }

    /**
     * @param tlsContext the TLS context of https connections, asked for when a first one is opened
     * @throws IllegalArgumentException naming a header that cannot be sent
     */
    HttpSink(URI url, Map<String, List<String>> headers, Duration timeout, AttemptListener attempts,
            Supplier<SSLContext> tlsContext) {
        this(url, headers, timeout, attempts, tlsContext, InetAddress::getAllByName);
    }

    /**
     * @param resolver looks up the receiver's host name
     * @throws IllegalArgumentException naming a header that cannot be sent
     */
    HttpSink(URI url, Map<String, List<String>> headers, Duration timeout, AttemptListener attempts,
            Supplier<SSLContext> tlsContext, HostLookup.Resolver resolver) {
        this(url, headers, timeout, attempts, tlsContext, resolver,
                SharedDeadlines.acquire(SharedDeadlines.LIBRARY_THREADS),
                () -> SharedDeadlines.release(SharedDeadlines.LIBRARY_THREADS));
    }

    /**
     * @param deadlines the watchdog that cancels attempts past their deadline
     * @param release what gives the watchdog back when this sink closes (or fails to be made): nothing when its owner
     *        closes it
     * @throws IllegalArgumentException naming a header that cannot be sent
     */
    HttpSink(URI url, Map<String, List<String>> headers, Duration timeout, AttemptListener attempts,
            Supplier<SSLContext> tlsContext, Deadlines deadlines, Runnable release) {
        this(url, headers, timeout, attempts, tlsContext, InetAddress::getAllByName, deadlines, release);
    }

    private HttpSink(URI url, Map<String, List<String>> headers, Duration timeout, AttemptListener attempts,
            Supplier<SSLContext> tlsContext, HostLookup.Resolver resolver, Deadlines deadlines, Runnable release) {
        this(url, headers, timeout, attempts, tlsContext, resolver, AddressGuard.NONE, deadlines, release);
    }

    /**
     * @param guard judges every address just before a connection is made to it
     * @throws IllegalArgumentException naming a header that cannot be sent
     */
    HttpSink(URI url, Map<String, List<String>> headers, Duration timeout, AttemptListener attempts,
            Supplier<SSLContext> tlsContext, HostLookup.Resolver resolver, AddressGuard guard, Deadlines deadlines,
            Runnable release) {
        try {
            this.host = new HttpHost(url.getScheme(), url.getHost(), url.getPort());
            this.path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            this.connections = new HttpConnections(url, tlsContext, resolver, guard);
            this.receiver = connections.receiver();
            this.timeout = timeout;
            this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            this.attempts = attempts;
            this.headers = flatten(headers, url.getUserInfo());
            this.contentTypeConfigured = headers.keySet().stream().anyMatch(
                    name -> name.equalsIgnoreCase("Content-Type"));
        } catch (RuntimeException e) {
            release.run(); // a sink never made is never closed
            throw e;
        }
        this.deadlines = deadlines;
        this.release = release;
    }

    @Override
    public void send(Envelope envelope) throws DeliveryException, InterruptedException {
        send(envelope, AttemptListener.NONE);
    }

    @Override
    public void send(Envelope envelope, AttemptListener seen) throws DeliveryException, InterruptedException {
        HttpAttempt attempt = new HttpAttempt();
        inFlight.add(attempt);
        Deadlines.Watch watch = deadlines.watch(System.nanoTime() + timeout.toNanos(), attempt::cancel);
        ClientConnection connection = null;
        boolean reusable = false;
        Answer answer;
        try {
            connection = connections.take(attempt, timeoutMillis);
            ClassicHttpRequest request = request(envelope);
            HttpCoreContext context = HttpCoreContext.create();
            EXECUTOR.preProcess(request, PROCESSOR, context);
            try (ClassicHttpResponse response = EXECUTOR.execute(request, connection, context)) {
                EXECUTOR.postProcess(response, PROCESSOR, context);
                answer = answer(response);
                reusable = EXECUTOR.keepAlive(request, response, connection, context);
            }
        } catch (IOException | HttpException e) {
            attempts.errored(envelope.events());
            String error = watch.expired() ? late() : unreachable(e);
            seen.answered(AttemptListener.Answer.none(error));
            throw new DeliveryException(error, e);
        } finally {
            watch.done();
            inFlight.remove(attempt);
            connections.giveBack(connection, reusable && !watch.expired());
        }
        int status = answer.status();
        seen.answered(new AttemptListener.Answer(status, answer.body(), answer.retryAfter(), null));
        if (status >= 200 && status < 300) {
            attempts.succeeded(status, envelope.events());
            return;
        }
        attempts.failed(status, envelope.events());
        if (status >= 300 && status < 400) {
            // a receiver that moved may name its new secret URL: shown as every configured URL is
            String message = "the receiver answered " + StatusText.line(status) + " to "
                    + (answer.location() == null ? "no Location" : Redaction.url(answer.location()))
                    + "; redirects are not followed";
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
            if (t instanceof AddressGuard.RefusedAddressException) {
                return "refused to connect to " + receiver + ": " + t.getMessage() + ", a network not allowed";
            }
            if (t instanceof UnknownHostException) {
                return "cannot resolve the host of " + receiver;
            }
            if (t instanceof HostLookup.LookupTimeoutException) {
                return "could not resolve the host of " + receiver + " within " + timeout.toMillis() + " ms";
            }
            if (t instanceof HttpConnections.ConnectTimeoutException) {
                return "could not connect to " + receiver + " within " + timeout.toMillis() + " ms";
            }
            if (t instanceof SocketTimeoutException) {
                return late();
            }
            if (t instanceof MessageConstraintException) {
                return receiver + " sent an answer past the client's limits (" + t.getMessage() + ": at most "
                        + HttpConnections.MAX_LINE_BYTES + " bytes a line and " + HttpConnections.MAX_HEADER_FIELDS
                        + " header fields)";
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

    private ClassicHttpRequest request(Envelope envelope) {
        ClassicHttpRequest post = new BasicClassicHttpRequest(Method.POST, host, path);
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
        inFlight.forEach(HttpAttempt::cancel);
    }

    /** Cancels the attempts in flight, as {@link #abort()}, closes the connections, and gives back the watchdog. */
    @Override
    public void close() {
        abort();
        connections.close();
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
