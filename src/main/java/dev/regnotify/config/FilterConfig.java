package dev.regnotify.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an endpoint wants: an event is delivered when every criterion given here matches it (an empty one matches
 * everything) and {@link IgnoreConfig} does not drop it. An event that has no tag (a blob's, a repository's, a manifest
 * pushed or pulled by digest) does not match {@code tags}; one without a target media type (deletes) does not match
 * {@code mediatypes}.
 *
 * @param repositories globs over the repository name ({@link Glob#repository(String)}): {@code team/*},
 *                     {@code team/**}
 * @param tags globs over the tag ({@link Glob#tag(String)}): {@code v*}
 * @param actions {@code push}, {@code pull}, {@code mount}, {@code delete}
 * @param mediaTypes target media types, exactly
 * @param kinds what the event is about: {@code manifest}, {@code blob}, {@code tag} (a tag deleted),
 *              {@code repository} (a repository deleted)
 * @since 0.4
 */
public record FilterConfig(List<Glob> repositories, List<Glob> tags, Set<String> actions, Set<String> mediaTypes,
        Set<String> kinds) {

    /** Everything matches. */
    public static final FilterConfig ALL = new FilterConfig(List.of(), List.of(), Set.of(), Set.of(), Set.of());

    /** The names {@link #kinds} may hold. */
    public static final List<String> KINDS = List.of("manifest", "blob", "tag", "repository");

    /** Copies the lists; actions and kinds must be known ones. */
    public FilterConfig {
        repositories = List.copyOf(repositories);
        tags = List.copyOf(tags);
        actions = Set.copyOf(actions);
        mediaTypes = Set.copyOf(mediaTypes);
        kinds = Set.copyOf(kinds);
        for (String action : actions) {
            if (!IgnoreConfig.ACTIONS.contains(action)) {
                throw new IllegalArgumentException("\"" + action + "\" is not an action: expected one of "
                        + IgnoreConfig.ACTIONS);
            }
        }
        for (String kind : kinds) {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("\"" + kind + "\" is not a kind: expected one of " + KINDS);
            }
        }
    }

    /**
     * @return the repositories it names whole, when every one of its repository globs is a name without {@code *}:
     *         only their events can match, which lets the broadcaster and the journal find them by name
     * @since 0.4
     */
    public Optional<Set<String>> repositoryNames() {
        if (repositories.isEmpty()) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        for (Glob glob : repositories) {
            Optional<String> name = glob.literal();
            if (name.isEmpty()) {
                return Optional.empty();
            }
            names.add(name.get());
        }
        return Optional.of(Collections.unmodifiableSet(names));
    }

    /** @return whether every event matches */
    public boolean isAll() {
        return repositories.isEmpty() && tags.isEmpty() && actions.isEmpty() && mediaTypes.isEmpty()
                && kinds.isEmpty();
    }
}
