package dev.regnotify.events;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.Referrer;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;

/**
 * A manifest was stored, fired after {@code ManifestService.put} returned.
 *
 * @param metadata id, timestamp, request, actor and source
 * @param repository the repository
 * @param descriptor the manifest's media type, size and digest
 * @param tag the tag it was pushed with, or null when pushed by digest
 * @param references what it references: config and layers, or the manifests of an index
 * @param referrer what it says about the manifest it refers to (its {@code subject}: a signature, an SBOM), or null
 *                 when it refers to none (since 0.4)
 * @since 0.1
 */
public record ManifestPushed(EventMetadata metadata, RepositoryName repository, Descriptor descriptor, Tag tag,
        List<Descriptor> references, Referrer referrer) implements ManifestEvent {

    /** Checks that required fields are present. */
    public ManifestPushed {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(descriptor, "descriptor");
        references = List.copyOf(references);
    }

    /**
     * A manifest that refers to no other.
     *
     * @param metadata id, timestamp, request, actor and source
     * @param repository the repository
     * @param descriptor the manifest's media type, size and digest
     * @param tag the tag it was pushed with, or null when pushed by digest
     * @param references what it references: config and layers, or the manifests of an index
     */
    public ManifestPushed(EventMetadata metadata, RepositoryName repository, Descriptor descriptor, Tag tag,
            List<Descriptor> references) {
        this(metadata, repository, descriptor, tag, references, null);
    }

    @Override
    public Action action() {
        return Action.PUSH;
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
