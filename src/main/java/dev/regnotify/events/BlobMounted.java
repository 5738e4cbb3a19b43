package dev.regnotify.events;

import java.util.Objects;
import java.util.Optional;

import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;

/**
 * A blob was linked from another repository, fired after {@code BlobStore.mount} returned.
 *
 * @param metadata id, timestamp, request, actor and source
 * @param repository the repository (the one linked into)
 * @param descriptor the blob's media type, size and digest
 * @param fromRepository the repository the blob was linked from
 * @since 0.1
 */
public record BlobMounted(EventMetadata metadata, RepositoryName repository, Descriptor descriptor,
        RepositoryName fromRepository) implements BlobEvent {

    /** Checks that required fields are present. */
    public BlobMounted {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(fromRepository, "fromRepository");
    }

    @Override
    public Action action() {
        return Action.MOUNT;
    }

    @Override
    public Optional<Descriptor> target() {
        return Optional.of(descriptor);
    }

    @Override
    public Digest digest() {
        return descriptor.digest();
    }
}
