package dev.regnotify.console;

import java.util.List;

import dev.regnotify.config.ConsoleConfig;

/**
 * A request the API answers, once its caller is let in: the segments its route's {@code *} took, and its query.
 *
 * @param taken the path segments in the pattern's {@code *} places, decoded
 * @param query the query parameters
 * @param role the caller's role
 */
record ApiRequest(List<String> taken, Query query, ConsoleConfig.Role role) {

    /** @return the first segment taken: the endpoint's name, or the event's id */
    String name() {
        return taken.get(0);
    }
}
