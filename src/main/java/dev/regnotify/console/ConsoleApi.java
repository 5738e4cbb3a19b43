package dev.regnotify.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import dev.regnotify.config.ConsoleConfig;
import dev.regnotify.subscriptions.Subscriptions;

/**
 * The console's API without an HTTP server: one request in, one answer out, whatever server carries them (the
 * JDK's, through {@link Console#mount}; a Jakarta EE server's, through the {@code dev.regnotify.console.rest}
 * resource). It refuses a token in the query (400), asks the {@link ConsoleCaller} for a role (401 or 403), finds the
 * route (404, 405), lets only operators change anything (403), refuses a body over 64 KiB (413), and answers with the
 * route's JSON or its {@link ConsoleException}. In that order, so that nothing is changed by a refused request.
 * Thread-safe: the routes are made once, and each request is answered on the caller's thread.
 *
 * @since 0.4
 */
public final class ConsoleApi {

    /** The largest request body taken; the API reads none, but a client may send one. */
    static final int MAX_BODY = 64 * 1024;
    /** How much of a refused body is read before the answer. */
    static final int DRAIN_LIMIT = 1024 * 1024;

    private static final System.Logger LOG = System.getLogger("dev.regnotify.console");

    private final List<Route> routes;

    private ConsoleApi(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * @param source what the console shows and does
     * @return the API over it
     */
    public static ConsoleApi of(ConsoleSource source) {
        return of(source, null);
    }

    /**
     * @param source what the console shows and does
     * @param subscriptions the subscriptions that {@code subscriptions/...} creates, lists, changes and deletes; or
     *        null for no such paths
     * @return the API over them
     */
    public static ConsoleApi of(ConsoleSource source, Subscriptions subscriptions) {
        Objects.requireNonNull(source, "source");
        List<Route> routes = new ArrayList<>();
        if (subscriptions != null) {
            routes.addAll(SubscriptionResource.routes(subscriptions));
        }
        routes.addAll(EndpointResource.routes(source));
        routes.addAll(DeadLetterResource.routes(source));
        routes.addAll(EventResource.routes(source));
        return new ConsoleApi(routes);
    }

    /**
     * Answers a request: always with JSON, an error's too ({@code {"code": ..., "message": ...}}); a failure of the
     * source is logged ({@code RN-601}) and answered {@code 500 internal}.
     *
     * @param call the request
     * @return the answer to send
     * @throws IOException if the request's body cannot be read (the client went away)
     */
    public ConsoleAnswer answer(ConsoleCall call) throws IOException {
        try {
            return dispatch(call);
        } catch (ConsoleException e) {
            return ConsoleAnswer.error(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RN-601 the console could not answer " + call.method() + " "
                    + ConsoleException.shortened(call.path()), e);
            return ConsoleAnswer.json(500, Views.error("internal", "the console could not answer; its log has the "
                    + "cause (RN-601)"));
        }
    }

    private ConsoleAnswer dispatch(ConsoleCall call) throws IOException {
        Query query = Query.parse(call.query());
        ConsoleConfig.Role role = Objects.requireNonNull(call.caller().role(), "the caller's role");
        List<String> segments = segments(call.path());
        String method = call.method().equals("HEAD") ? "GET" : call.method();
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
            if (route.changes() && role != ConsoleConfig.Role.OPERATOR) {
                throw new ConsoleException(403, "forbidden", "a viewer reads only: " + route.method()
                        + " needs an operator");
            }
            String body = readBody(call);
            return ConsoleAnswer.json(route.status(), route.action().apply(new ApiRequest(taken, query, role, body)));
        }
        if (!allowed.isEmpty()) {
            String allow = String.join(", ", allowed);
            return ConsoleAnswer.error(new ConsoleException(405, "method-not-allowed", "this path takes " + allow))
                    .with("Allow", allow);
        }
        throw new ConsoleException(404, "not-found", "no such path in the console's API (docs/console.md)");
    }

    /**
     * Reads the body (a subscription's JSON; other paths take none, but a client may send one, read to keep the
     * connection usable): at most {@value #MAX_BODY} bytes. A larger one is refused, after reading up to
     * {@value #DRAIN_LIMIT} bytes of it: a client still sending its body when the answer comes and the connection
     * closes sees a reset instead of the answer.
     *
     * @return the body as UTF-8, empty without one
     */
    private static String readBody(ConsoleCall call) throws IOException {
        String length = call.contentLength() == null ? null : call.contentLength().trim();
        boolean declaredTooLarge = length != null && (length.length() > 6 || !length.matches("[0-9]+")
                || Integer.parseInt(length) > MAX_BODY);
        long total = 0;
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        InputStream body = call.body();
        if (body != null) {
            byte[] buffer = new byte[8192];
            for (int n; (n = body.read(buffer)) > 0; ) {
                total += n;
                if (total > DRAIN_LIMIT) {
                    break;
                }
                if (total <= MAX_BODY) {
                    kept.write(buffer, 0, n);
                }
            }
        }
        if (declaredTooLarge || total > MAX_BODY) {
            throw new ConsoleException(413, "body-too-large", "a request body may hold at most " + MAX_BODY
                    + " bytes");
        }
        return kept.toString(StandardCharsets.UTF_8);
    }

    /** @return the path's segments, each decoded */
    private static List<String> segments(String rawPath) {
        String rest = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
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
