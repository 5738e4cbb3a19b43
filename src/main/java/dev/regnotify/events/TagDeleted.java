package dev.regnotify.events;

import java.util.Objects;

import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;

/**
 * A tag was removed, fired after {@code TagService.untag} returned, and for each tag a
 * {@code ManifestService.delete} removed.
 *
 * @param metadata id, timestamp, request, actor and source
 * @param repository the repository
 * @param tag the removed tag
 * @since 0.1
 */
public record TagDeleted(EventMetadata metadata, RepositoryName repository, Tag tag) implements RegistryEvent {

    /** Checks that required fields are present. */
    public TagDeleted {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
    }

    @Override
    public Action action() {
        return Action.DELETE;
    }
}
