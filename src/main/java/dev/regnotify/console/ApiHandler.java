package dev.regnotify.console;

import java.io.IOException;
import java.net.URI;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code /console/api/} on the JDK's HTTP server: a bearer token's role ({@link ConsoleAccess}) is the caller's, and
 * {@link ConsoleApi} answers. A 401 carries the challenge of the bearer scheme.
 */
final class ApiHandler implements HttpHandler {

    static final String PREFIX = "/console/api/";

    private final ConsoleApi api;
    private final ConsoleAccess access;

    ApiHandler(ConsoleApi api, ConsoleAccess access) {
        this.api = api;
        this.access = access;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String rawPath = uri.getRawPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            ConsoleCaller caller = () -> access.roleOf(authorization).orElseThrow(() -> new ConsoleException(401,
                    "unauthorized", "a console token is needed: Authorization: Bearer <token> "
                    + "(notifications.console.tokens)"));
            ConsoleAnswer answer = api.answer(new ConsoleCall(exchange.getRequestMethod(),
                    rawPath.length() > PREFIX.length() ? rawPath.substring(PREFIX.length()) : "", uri.getRawQuery(),
                    caller, exchange.getRequestHeaders().getFirst("Content-Length"), exchange.getRequestBody()));
            if (answer.status() == 401) {
                answer = answer.with("WWW-Authenticate", "Bearer realm=\"regnotify-console\"");
            }
            Responses.send(exchange, answer);
        }
    }
}
