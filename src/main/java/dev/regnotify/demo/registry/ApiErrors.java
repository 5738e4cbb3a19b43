package dev.regnotify.demo.registry;

import java.io.IOException;
import java.util.Map;

import dev.regnotify.registry.ErrorCode;

/** The registry API's error format: {@code {"errors":[{"code":...,"message":...,"detail":...}]}}. */
final class ApiErrors {

    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("BLOB_UNKNOWN", 404), Map.entry("BLOB_UPLOAD_UNKNOWN", 404), Map.entry("DIGEST_INVALID", 400),
            Map.entry("MANIFEST_UNKNOWN", 404), Map.entry("MANIFEST_INVALID", 400),
            Map.entry("MANIFEST_BLOB_UNKNOWN", 400), Map.entry("NAME_INVALID", 400), Map.entry("NAME_UNKNOWN", 404),
            Map.entry("TAG_INVALID", 400), Map.entry("SIZE_INVALID", 400), Map.entry("UNSUPPORTED", 405),
            Map.entry("PAGINATION_NUMBER_INVALID", 400),
            Map.entry("RANGE_INVALID", 416), Map.entry("UNKNOWN", 500));

    private ApiErrors() {
    }

    static void send(Exchange exchange, ErrorCode code, String message) throws IOException {
        send(exchange, code.name(), message);
    }

    static void send(Exchange exchange, String code, String message) throws IOException {
        int status = STATUS.getOrDefault(code, 500);
        if (exchange.method.equals("HEAD")) {
            exchange.empty(status, -1);
            return;
        }
        exchange.json(status, "{\"errors\":[{\"code\":\"" + code + "\",\"message\":" + quote(message)
                + ",\"detail\":null}]}");
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
