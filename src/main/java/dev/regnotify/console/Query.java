package dev.regnotify.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request's query parameters. A token in the query is refused: it would end up in access logs, proxies' logs and
 * the browser's history, so the console takes tokens only in the {@code Authorization} header. No value is ever
 * quoted in an error.
 */
final class Query {

    private static final Set<String> TOKEN_NAMES = Set.of("token", "access_token", "bearer", "authorization",
            "api_key", "apikey");
    private static final int MAX_LENGTH = 4096;

    private final Map<String, String> values;

    private Query(Map<String, String> values) {
        this.values = values;
    }

    static Query parse(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return new Query(values);
        }
        if (raw.length() > MAX_LENGTH) {
            throw ConsoleException.badRequest("query-too-long", "the query is longer than " + MAX_LENGTH
                    + " characters");
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (TOKEN_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
                throw ConsoleException.badRequest("token-in-query", "a token is taken only in the Authorization "
                        + "header (Authorization: Bearer <token>), never in the query, where logs keep it");
            }
            if (values.putIfAbsent(name, value) != null) {
                throw ConsoleException.badRequest("bad-query", "the query parameter " + ConsoleException.shortened(
                        name) + " is given twice");
            }
        }
        return new Query(values);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ConsoleException.badRequest("bad-query", "the query is not URL-encoded");
        }
    }

    /** @return the parameter's value, or null */
    String get(String name) {
        return values.get(name);
    }

    /** @return the names given */
    Set<String> names() {
        return values.keySet();
    }
}
