package dev.regnotify.config;

import java.util.List;
import java.util.Set;

/**
 * What an endpoint does not want: events whose target has one of these media types, or one of these actions.
 *
 * @param mediaTypes target media types to drop (the endpoint's {@code ignoredmediatypes} and
 *                   {@code ignore.mediatypes} together)
 * @param actions actions to drop: {@code push}, {@code pull}, {@code mount}, {@code delete}
 * @since 0.1
 */
public record IgnoreConfig(Set<String> mediaTypes, Set<String> actions) {

    /** Nothing ignored. */
    public static final IgnoreConfig NONE = new IgnoreConfig(Set.of(), Set.of());

    /** The action names {@link #actions} may hold. */
    public static final List<String> ACTIONS = List.of("push", "pull", "mount", "delete");

    /** Copies the sets; actions must be known ones. */
    public IgnoreConfig {
        mediaTypes = Set.copyOf(mediaTypes);
        actions = Set.copyOf(actions);
        for (String action : actions) {
            if (!ACTIONS.contains(action)) {
                throw new IllegalArgumentException("\"" + action + "\" is not an action: expected one of " + ACTIONS);
            }
        }
    }

    /** @return whether nothing is ignored */
    public boolean isEmpty() {
        return mediaTypes.isEmpty() && actions.isEmpty();
    }
}
