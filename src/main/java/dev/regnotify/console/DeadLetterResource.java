package dev.regnotify.console;

import java.util.List;

/** {@code /console/api/endpoints/{name}/dead-letters}: list, replay (all or {@code ?id=}), purge. */
final class DeadLetterResource {

    private DeadLetterResource() {
    }

    static List<Route> routes(ConsoleSource source) {
        return List.of(
                Route.get("endpoints/*/dead-letters", r -> Views.one("deadLetters",
                        source.deadLetters(r.name()).stream().map(Views::deadLetter).toList())),
                Route.post("endpoints/*/dead-letters/replay", r -> replay(source, r)),
                Route.delete("endpoints/*/dead-letters", r -> Views.one("purged",
                        source.purgeDeadLetters(r.name()))));
    }

    private static Object replay(ConsoleSource source, ApiRequest request) {
        if (request.query().get("id") == null) {
            return Views.one("replayed", source.replayDeadLetters(request.name()));
        }
        long id = Params.id(request.query());
        boolean known = source.deadLetters(request.name()).stream().anyMatch(letter -> letter.id() == id);
        if (!known) {
            throw new ConsoleException(404, "unknown-dead-letter", "endpoint \""
                    + ConsoleException.shortened(request.name()) + "\" has no dead letter " + id);
        }
        if (!source.replayDeadLetter(request.name(), id)) {
            throw new ConsoleException(409, "replaying", "dead letter " + id + " is being replayed already");
        }
        return Views.one("replayed", 1);
    }
}
