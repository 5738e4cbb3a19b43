package dev.regnotify.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/api/session} (the caller's role, for the page) and {@code /console/api/endpoints}: the endpoints,
 * one endpoint, its attempts, enable, disable, replay since.
 */
final class EndpointResource {

    private EndpointResource() {
    }

    static List<Route> routes(ConsoleSource source) {
        return List.of(
                Route.get("session", r -> Views.one("role", r.role().key())),
                Route.get("endpoints", r -> Views.one("endpoints",
                        source.endpoints().stream().map(Views::endpoint).toList())),
                Route.get("endpoints/*", r -> Views.endpoint(source.endpoint(r.name()))),
                Route.get("endpoints/*/attempts", r -> attempts(source, r)),
                Route.post("endpoints/*/enable", r -> Map.of("enabled", source.enable(r.name()))),
                Route.post("endpoints/*/disable", r -> Map.of("disabled", source.disable(r.name()))),
                Route.post("endpoints/*/replay", r -> replaySince(source, r)));
    }

    /** The replay runs on the endpoint's thread: the answer says whether there is one, and how much it reads. */
    private static Object replaySince(ConsoleSource source, ApiRequest request) {
        long bytes = source.replaySince(request.name(), Params.since(request.query()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("replaying", bytes > 0);
        answer.put("bytes", bytes);
        return answer;
    }

    private static Object attempts(ConsoleSource source, ApiRequest request) {
        int limit = Params.limit(request.query());
        AttemptView.Outcome outcome = Params.outcome(request.query());
        List<AttemptView> attempts = source.attempts(request.name(), limit, outcome);
        return Views.one("attempts", attempts.stream().limit(limit).map(Views::attempt).toList());
    }
}
