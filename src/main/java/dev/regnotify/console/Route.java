package dev.regnotify.console;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One path of the API: its method, its pattern of segments ({@code endpoints/*}{@code /dead-letters}, where
 * {@code *} takes one segment), whether it changes anything (operators only), the status of its answer, and what
 * answers it (the answer's body, written as JSON).
 */
record Route(String method, List<String> pattern, boolean changes, int status, Function<ApiRequest, Object> action) {

    static Route get(String pattern, Function<ApiRequest, Object> action) {
        return new Route("GET", List.of(pattern.split("/")), false, 200, action);
    }

    static Route post(String pattern, Function<ApiRequest, Object> action) {
        return new Route("POST", List.of(pattern.split("/")), true, 200, action);
    }

    /** A POST that creates what it answers with: 201. */
    static Route create(String pattern, Function<ApiRequest, Object> action) {
        return new Route("POST", List.of(pattern.split("/")), true, 201, action);
    }

    static Route put(String pattern, Function<ApiRequest, Object> action) {
        return new Route("PUT", List.of(pattern.split("/")), true, 200, action);
    }

    static Route delete(String pattern, Function<ApiRequest, Object> action) {
        return new Route("DELETE", List.of(pattern.split("/")), true, 200, action);
    }

    /** @return the segments {@code *} took, or null when the path is not this pattern */
    List<String> match(List<String> segments) {
        if (segments.size() != pattern.size()) {
            return null;
        }
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < pattern.size(); i++) {
            if (pattern.get(i).equals("*")) {
                taken.add(segments.get(i));
            } else if (!pattern.get(i).equals(segments.get(i))) {
                return null;
            }
        }
        return taken;
    }
}
