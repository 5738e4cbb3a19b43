package dev.regnotify.events;

import java.util.Objects;

import dev.regnotify.registry.RepositoryName;

/**
 * A repository was deleted, fired after {@code RepositoryService.delete} returned.
 *
 * @param metadata id, timestamp, request, actor and source
 * @param repository the repository
 * @since 0.1
 */
public record RepositoryDeleted(EventMetadata metadata, RepositoryName repository) implements RegistryEvent {

    /** Checks that required fields are present. */
    public RepositoryDeleted {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(repository, "repository");
    }

    @Override
    public Action action() {
        return Action.DELETE;
    }
}
