package dev.regnotify.storage;

import java.util.List;
import java.util.Objects;

import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.ManifestUnknownException;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.registry.TagService;
import dev.regnotify.registry.TagUnknownException;
import dev.regnotify.storage.InMemoryStorage.Repository;

/** The tags of an {@link InMemoryStorage}. */
final class MemoryTags implements TagService {

    private final InMemoryStorage storage;

    MemoryTags(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public Descriptor get(RepositoryName repository, Tag tag) {
        return storage.read(() -> {
            Repository repo = storage.find(repository);
            Digest digest = repo == null ? null : repo.tags.get(Objects.requireNonNull(tag, "tag"));
            if (digest == null) {
                throw new TagUnknownException(repository, tag);
            }
            return repo.manifests.get(digest).descriptor();
        });
    }

    @Override
    public void tag(RepositoryName repository, Tag tag, Digest manifest) {
        Objects.requireNonNull(tag, "tag");
        storage.write(() -> {
            Repository repo = storage.find(repository);
            if (repo == null || !repo.manifests.containsKey(Objects.requireNonNull(manifest, "manifest"))) {
                throw new ManifestUnknownException(repository, manifest);
            }
            repo.tags.put(tag, manifest);
            return null;
        });
    }

    @Override
    public List<Tag> list(RepositoryName repository) {
        return storage.read(() -> List.copyOf(storage.existing(repository).tags.keySet()));
    }

    @Override
    public void untag(RepositoryName repository, Tag tag) {
        storage.write(() -> {
            Repository repo = storage.find(repository);
            if (repo == null || repo.tags.remove(Objects.requireNonNull(tag, "tag")) == null) {
                throw new TagUnknownException(repository, tag);
            }
            return null;
        });
    }
}
