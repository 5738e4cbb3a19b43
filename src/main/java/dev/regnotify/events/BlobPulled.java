package dev.regnotify.events;

import java.util.Objects;
import java.util.Optional;

import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;

/**
 * A blob was read, fired after {@code BlobStore.get} or {@code open} returned.
 *
 * @param metadata id, timestamp, request, actor and source
 * @param repository the repository
 * @param descriptor the blob's media type, size and digest
 * @since 0.1
 */
public record BlobPulled(EventMetadata metadata, RepositoryName repository,
        Descriptor descriptor) implements BlobEvent {

    /** Checks that required fields are present. */
    public BlobPulled {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(descriptor, "descriptor");
    }

    @Override
    public Action action() {
        return Action.PULL;
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
