package dev.regnotify.console;

import java.util.List;

/** {@code /console/api/events/{id}} and {@code /console/api/rates}: what needs the attempt log. */
final class EventResource {

    private EventResource() {
    }

    static List<Route> routes(ConsoleSource source) {
        return List.of(
                Route.get("events/*", r -> source.event(r.name()).map(Views::trace).orElseThrow(
                        () -> new ConsoleException(404, "unknown-event", "no event with id \""
                                + ConsoleException.shortened(r.name()) + "\" is known (any longer)"))),
                Route.get("rates", r -> Views.rates(source.rates(Params.window(r.query())))));
    }
}
