package dev.regnotify.console;

import java.util.List;

import dev.regnotify.config.ConsoleConfig;

/**
 * A request the API answers, once its caller is let in: the segments its route's {@code *} took, and its query.
 *
 * @param taken the path segments in the pattern's {@code *} places, decoded
 * @param query the query parameters
 * @param role the caller's role
 * @param body the request's body as UTF-8 (at most {@link ConsoleApi#MAX_BODY} bytes), empty without one
 */
record ApiRequest(List<String> taken, Query query, ConsoleConfig.Role role, String body) {

    /** @return the first segment taken: the endpoint's name, or the event's id */
    String name() {
        return taken.get(0);
    }
}
