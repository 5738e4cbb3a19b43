package dev.regnotify.events;

import java.util.Objects;

import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;

/**
 * A manifest was deleted, fired after {@code ManifestService.delete} returned and after the {@link TagDeleted}
 * events of the tags it removed.
 *
 * @param metadata id, timestamp, request, actor and source
 * @param repository the repository
 * @param digest the deleted manifest's digest
 * @since 0.1
 */
public record ManifestDeleted(EventMetadata metadata, RepositoryName repository,
        Digest digest) implements ManifestEvent {

    /** Checks that required fields are present. */
    public ManifestDeleted {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
    }

    @Override
    public Action action() {
        return Action.DELETE;
    }
}
