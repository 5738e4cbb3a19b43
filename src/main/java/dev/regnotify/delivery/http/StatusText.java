package dev.regnotify.delivery.http;

import java.util.Map;

/** Status lines as distribution's metrics key them: {@code 500 Internal Server Error}. */
public final class StatusText {

    private static final Map<Integer, String> TEXT = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"),
            Map.entry(204, "No Content"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
            Map.entry(303, "See Other"), Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(409, "Conflict"), Map.entry(410, "Gone"), Map.entry(422, "Unprocessable Entity"),
            Map.entry(413, "Request Entity Too Large"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    // the lines themselves, made once: every delivery attempt counts one
    private static final String[] LINES = new String[600];

    static {
        TEXT.forEach((status, text) -> LINES[status] = status + " " + text);
    }

    private StatusText() {
    }

    /**
     * @param status an HTTP status
     * @return its status line as distribution's metrics key it, or the number alone for a status without a text
     */
    public static String line(int status) {
        String line = status >= 0 && status < LINES.length ? LINES[status] : null;
        return line != null ? line : Integer.toString(status);
    }
}
