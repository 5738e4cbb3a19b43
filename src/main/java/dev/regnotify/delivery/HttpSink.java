package dev.regnotify.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A transport that POSTs envelopes, under its 0.2 name.
 *
 * @since 0.1
 * @deprecated moved to {@link dev.regnotify.delivery.http.HttpSink}; this name is removed in 0.4
 */
@Deprecated(since = "0.3", forRemoval = true)
public final class HttpSink extends dev.regnotify.delivery.http.HttpSink {

    /**
     * @param url where to POST
     * @param headers headers of every request
     * @param timeout how long one attempt may take
     * @param attempts told how each attempt ended
     * @throws IllegalArgumentException naming a header that cannot be sent
     */
    public HttpSink(URI url, Map<String, List<String>> headers, Duration timeout, AttemptListener attempts) {
        super(url, headers, timeout, attempts);
    }
}
