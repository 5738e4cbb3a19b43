package dev.regnotify.demo.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/** One HTTP exchange of the registry API, with the small helpers every handler needs. */
final class Exchange {

    final HttpExchange http;
    final String method;
    final Map<String, String> query;

    Exchange(HttpExchange http) {
        this.http = http;
        this.method = http.getRequestMethod();
        this.query = parse(http.getRequestURI().getRawQuery());
    }

    String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    List<String> headers(String name) {
        List<String> values = http.getRequestHeaders().get(name);
        return values == null ? List.of() : values;
    }

    /**
     * @param limit the most bytes the body may have
     * @return the body, read whole
     * @throws RegistryHandler.ApiException {@code SIZE_INVALID} (naming the limit) if it is larger: nothing beyond
     *         the limit is buffered
     */
    byte[] body(int limit, String code) throws IOException {
        try (InputStream in = http.getRequestBody()) {
            byte[] body = in.readNBytes(limit);
            if (in.read() >= 0) {
                throw new RegistryHandler.ApiException(code, "the request body is larger than " + limit + " bytes");
            }
            return body;
        }
    }

    InputStream bodyStream() {
        return http.getRequestBody();
    }

    Exchange header(String name, String value) {
        http.getResponseHeaders().set(name, value);
        return this;
    }

    /** Answers with no body; {@code length} is what a HEAD announces, or -1 for none. */
    void empty(int status, long length) throws IOException {
        if (length >= 0 && status != 204) { // a 204 has no body, and says nothing of one
            http.getResponseHeaders().set("Content-Length", Long.toString(length));
        }
        http.sendResponseHeaders(status, -1);
        http.close();
    }

    void send(int status, String contentType, byte[] body) throws IOException {
        http.getResponseHeaders().set("Content-Type", contentType);
        if (method.equals("HEAD")) {
            empty(status, body.length);
            return;
        }
        http.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(body);
        }
    }

    void stream(int status, String contentType, long length, InputStream content) throws IOException {
        http.getResponseHeaders().set("Content-Type", contentType);
        http.sendResponseHeaders(status, length == 0 ? -1 : length);
        try (content; OutputStream out = http.getResponseBody()) {
            content.transferTo(out);
        }
    }

    void json(int status, String json) throws IOException {
        send(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }
}
