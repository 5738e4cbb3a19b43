package dev.regnotify.console;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import dev.regnotify.config.Durations;
import dev.regnotify.subscriptions.SubscriptionException;
import dev.regnotify.subscriptions.Subscriptions;

/**
 * {@code /console/api/subscriptions}: create (201, with the secret, shown only then), list ({@code ?owner=}), get,
 * replace, delete, rotate the secret ({@code ?overlap=24h}). Every change needs an operator's token. A refusal is
 * answered with its status, its code and the field at fault.
 */
final class SubscriptionResource {

    /** The overlap of a rotation without {@code overlap}. */
    static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    private static final Duration MAX_OVERLAP = Duration.ofDays(30);

    private SubscriptionResource() {
    }

    static java.util.List<Route> routes(Subscriptions subscriptions) {
        return java.util.List.of(
                Route.create("subscriptions", refused(r -> subscriptions.create(r.body()).view())),
                Route.get("subscriptions", r -> Views.one("subscriptions",
                        subscriptions.list(owner(r)).stream().map(s -> s.view()).toList())),
                Route.get("subscriptions/*", refused(r -> subscriptions.get(r.name())
                        .orElseThrow(() -> unknown(r.name())).view())),
                Route.put("subscriptions/*", refused(r -> subscriptions.update(r.name(), r.body()).view())),
                Route.delete("subscriptions/*", refused(r -> Map.of("deleted", subscriptions.delete(r.name())
                        .name()))),
                Route.post("subscriptions/*/rotate", refused(r -> subscriptions.rotate(r.name(), overlap(r))
                        .view())));
    }

    private static String owner(ApiRequest request) {
        String owner = request.query().get("owner");
        return owner == null || owner.isEmpty() ? null : owner;
    }

    private static Duration overlap(ApiRequest request) {
        String text = request.query().get("overlap");
        if (text == null) {
            return DEFAULT_OVERLAP;
        }
        try {
            Duration overlap = Durations.parse(text);
            if (!overlap.isNegative() && overlap.compareTo(MAX_OVERLAP) <= 0) {
                return overlap;
            }
        } catch (RuntimeException e) {
            // answered below
        }
        throw new ConsoleException(400, "bad-overlap", "overlap", "overlap must be a duration in Go's syntax, such "
                + "as 24h or 30m, from 0s to 720h");
    }

    private static ConsoleException unknown(String name) {
        return new ConsoleException(404, SubscriptionException.Kind.UNKNOWN.code(), "name", "no subscription is "
                + "named \"" + ConsoleException.shortened(name) + "\"");
    }

    /** Answers a refused change with its status, its code and its field. */
    private static Function<ApiRequest, Object> refused(Function<ApiRequest, Object> action) {
        return request -> {
            try {
                return action.apply(request);
            } catch (SubscriptionException e) {
                throw new ConsoleException(e.kind().status(), e.kind().code(), e.field().isEmpty() ? null
                        : e.field(), e.getMessage());
            }
        };
    }
}
