package dev.regnotify.console;

import java.io.InputStream;
import java.util.Objects;

/**
 * One request to the console's API as an HTTP server received it, for {@link ConsoleApi#answer}.
 *
 * @param method the HTTP method; {@code HEAD} is answered as {@code GET} (the server leaves out the body)
 * @param path the path below the API's root ({@code endpoints/scanner/enable} for
 *        {@code /console/api/endpoints/scanner/enable}), still URL-encoded: the API decodes each segment itself, so
 *        that an encoded {@code /} stays in its segment
 * @param query the raw query (still URL-encoded, without {@code ?}), or null
 * @param caller who asks
 * @param contentLength the request's {@code Content-Length} header, or null
 * @param body the request's body, read and dropped (up to a bound) once the request is let in; null where the server
 *        reads the body itself, and then only the declared length is checked
 * @since 0.4
 */
public record ConsoleCall(String method, String path, String query, ConsoleCaller caller, String contentLength,
        InputStream body) {

    /** Checks that the method, the path and the caller are given. */
    public ConsoleCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(caller, "caller");
    }
}
