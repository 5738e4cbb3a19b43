package dev.regnotify.console;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import dev.regnotify.config.ConsoleConfig;

/**
 * {@code /console/api/}: refuses a token in the query (400), lets in a known bearer token (else 401), finds the route
 * (404, 405), lets only operators change anything (403), refuses a body over 64 KiB (413), and answers with the
 * route's JSON or its {@link ConsoleException}. In that order, so that nothing is changed by a refused request.
 */
final class ApiHandler implements HttpHandler {

    static final String PREFIX = "/console/api/";
    /** The largest request body taken; the API reads none, but a client may send one. */
    static final int MAX_BODY = 64 * 1024;
    /** How much of a refused body is read before the answer. */
    static final int DRAIN_LIMIT = 1024 * 1024;

    private static final System.Logger LOG = System.getLogger("dev.regnotify.console");

    private final List<Route> routes;
    private final ConsoleAccess access;

    ApiHandler(List<Route> routes, ConsoleAccess access) {
        this.routes = List.copyOf(routes);
        this.access = access;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                answer(exchange);
            } catch (ConsoleException e) {
                Responses.error(exchange, e);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "RN-601 the console could not answer " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getRawPath(), e);
                Responses.json(exchange, 500, Views.error("internal", "the console could not answer; its log has "
                        + "the cause (RN-601)"));
            }
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Query query = Query.parse(uri.getRawQuery());
        Optional<ConsoleConfig.Role> role = access.roleOf(exchange.getRequestHeaders().getFirst("Authorization"));
        if (role.isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"regnotify-console\"");
            throw new ConsoleException(401, "unauthorized", "a console token is needed: Authorization: Bearer "
                    + "<token> (notifications.console.tokens)");
        }
        List<String> segments = segments(uri.getRawPath());
        String method = exchange.getRequestMethod().equals("HEAD") ? "GET" : exchange.getRequestMethod();
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            List<String> taken = route.match(segments);
            if (taken == null) {
                continue;
            }
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            if (route.changes() && role.get() != ConsoleConfig.Role.OPERATOR) {
                throw new ConsoleException(403, "forbidden", "a viewer's token reads only: "
                        + route.method() + " needs an operator's");
            }
            String body = readBody(exchange);
            Responses.json(exchange, route.status(), route.action().apply(new ApiRequest(taken, query, role.get(),
                    body)));
            return;
        }
        if (!allowed.isEmpty()) {
            exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
            throw new ConsoleException(405, "method-not-allowed", "this path takes " + String.join(", ", allowed));
        }
        throw new ConsoleException(404, "not-found", "no such path in the console's API (docs/console.md)");
    }

    /**
     * Reads the body (a subscription's JSON; other routes take none, but a client may send one, read to keep the
     * connection usable): at most {@value #MAX_BODY} bytes. A larger one is
     * refused, after reading up to {@value #DRAIN_LIMIT} bytes of it: a client still sending its body when the answer
     * comes and the connection closes sees a reset instead of the answer.
     */
    private static String readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        boolean declaredTooLarge = length != null && (length.trim().length() > 6
                || !length.trim().matches("[0-9]+") || Integer.parseInt(length.trim()) > MAX_BODY);
        InputStream body = exchange.getRequestBody();
        byte[] buffer = new byte[8192];
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        long total = 0;
        for (int n; (n = body.read(buffer)) > 0; ) {
            total += n;
            if (total > DRAIN_LIMIT) {
                break;
            }
            if (total <= MAX_BODY) {
                kept.write(buffer, 0, n);
            }
        }
        if (declaredTooLarge || total > MAX_BODY) {
            throw tooLarge();
        }
        return kept.toString(StandardCharsets.UTF_8);
    }

    private static ConsoleException tooLarge() {
        return new ConsoleException(413, "body-too-large", "a request body may hold at most " + MAX_BODY
                + " bytes");
    }

    /** @return the path's segments after {@code /console/api/}, each decoded */
    private static List<String> segments(String rawPath) {
        String rest = rawPath.length() > PREFIX.length() ? rawPath.substring(PREFIX.length()) : "";
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        List<String> segments = new ArrayList<>();
        for (String raw : rest.split("/", -1)) {
            try {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ConsoleException.badRequest("bad-path", "the path is not URL-encoded");
            }
        }
        return segments;
    }
}
