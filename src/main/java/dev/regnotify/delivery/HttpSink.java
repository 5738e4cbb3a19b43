package dev.regnotify.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * POSTs envelopes with the JDK's HTTP client: HTTP/1.1 keep-alive connections reused, redirects not followed (a
 * receiver cannot bounce events to another host; a 3xx is a failure naming its {@code Location}), success on 2xx
 * only, response bodies read to 4 KiB, a timeout per request, the configured headers sent as given.
 *
 * @since 0.1
 */
public final class HttpSink implements Sink {

    private final URI url;
    private final String[] headers;
    private final Duration timeout;
    private final EndpointMetrics metrics;
    private final boolean contentTypeConfigured;
    private final HttpClient client;

    /**
     * @param url where to POST
     * @param headers headers to send with every request
     * @param timeout how long one request may take, connection included
     * @param metrics the counters to update per attempt
     * @throws IllegalArgumentException naming a header the JDK's client does not let callers set
     */
    public HttpSink(URI url, Map<String, List<String>> headers, Duration timeout, EndpointMetrics metrics) {
        this.url = url;
        this.timeout = timeout;
        this.metrics = metrics;
        this.headers = flatten(headers);
        this.contentTypeConfigured = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Content-Type"));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
        // fail now, not at the first event, on a header the client refuses (Host, Connection, Content-Length ...)
        request(new Envelope(new byte[0], "application/json", 0, Map.of()));
    }

    @Override
    public void send(Envelope envelope) throws DeliveryException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = client.send(request(envelope), BoundedBody.handler());
        } catch (HttpTimeoutException e) {
            metrics.errored(envelope.events());
            throw new DeliveryException("no answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            metrics.errored(envelope.events());
            throw new DeliveryException("cannot reach the receiver: " + e, e);
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

    private HttpRequest request(Envelope envelope) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
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

    private static String[] flatten(Map<String, List<String>> headers) {
        return headers.entrySet().stream()
                .flatMap(e -> e.getValue().stream().flatMap(value -> Stream.of(e.getKey(), value)))
                .toArray(String[]::new);
    }

    @Override
    public void close() {
        // HttpClient frees its connections and selector thread when unreachable (its close() is Java 21+)
    }
}
