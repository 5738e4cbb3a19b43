package dev.regnotify.events;

import java.util.Objects;

/**
 * Who caused an event: the authenticated user's name, or empty when unknown.
 *
 * @param name the user name, or empty
 * @since 0.1
 */
public record ActorRecord(String name) {

    /** An actor about whom nothing is known. */
    public static final ActorRecord ANONYMOUS = new ActorRecord("");

    /** Takes null for an unknown name. */
    public ActorRecord {
        name = Objects.requireNonNullElse(name, "");
    }

    /** @return whether the name is known */
    public boolean isKnown() {
        return !name.isEmpty();
    }
}
