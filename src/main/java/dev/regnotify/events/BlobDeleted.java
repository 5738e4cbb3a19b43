package dev.regnotify.events;

import java.util.Objects;

import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;

/**
 * A blob's link was removed from a repository, fired after {@code BlobStore.delete} returned.
 *
 * @param metadata id, timestamp, request, actor and source
 * @param repository the repository
 * @param digest the blob's digest
 * @since 0.1
 */
public record BlobDeleted(EventMetadata metadata, RepositoryName repository, Digest digest) implements BlobEvent {

    /** Checks that required fields are present. */
    public BlobDeleted {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
    }

    @Override
    public Action action() {
        return Action.DELETE;
    }
}
