package dev.regnotify.demo.registry;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventContext;
import dev.regnotify.events.RequestRecord;

/**
 * The event context of an HTTP request, as distribution records it: a new request id; the client's address from the
 * first valid {@code X-Forwarded-For} entry, else {@code X-Real-Ip}, else the peer; the {@code Host}; the method; the
 * user agent; the user of basic authentication as the actor; and the W3C Trace Context of its {@code traceparent}
 * and {@code tracestate} headers (an invalid one is ignored, and logged).
 */
final class RequestContexts {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*]?");

    private RequestContexts() {
    }

    /**
     * @param http the exchange
     * @param client the client's address when the connection was relayed, or null to take the connection's peer
     */
    static EventContext of(HttpExchange http, InetSocketAddress client) {
        String host = http.getRequestHeaders().getFirst("Host");
        String agent = http.getRequestHeaders().getFirst("User-Agent");
        return EventContext.of(new RequestRecord(UUID.randomUUID().toString(), remoteAddress(http, client), host,
                http.getRequestMethod(), agent), new ActorRecord(basicUser(http.getRequestHeaders()
                        .getFirst("Authorization"))))
                .withTrace(http.getRequestHeaders().getFirst("traceparent"), tracestate(http));
    }

    /** Several {@code tracestate} headers are one list, as the W3C says. */
    private static String tracestate(HttpExchange http) {
        List<String> values = http.getRequestHeaders().get("tracestate");
        return values == null ? null : String.join(",", values);
    }

    static String remoteAddress(HttpExchange http, InetSocketAddress client) {
        String forwarded = http.getRequestHeaders().getFirst("X-Forwarded-For");
        if (forwarded != null) {
            for (String candidate : forwarded.split(",")) {
                if (isIp(candidate.strip())) {
                    return candidate.strip();
                }
            }
        }
        String real = http.getRequestHeaders().getFirst("X-Real-Ip");
        if (real != null && isIp(real.strip())) {
            return real.strip();
        }
        InetSocketAddress peer = client != null ? client : http.getRemoteAddress();
        return peer.getAddress().getHostAddress() + ":" + peer.getPort();
    }

    private static boolean isIp(String text) {
        return IPV4.matcher(text).matches() || IPV6.matcher(text).matches();
    }

    static String basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
