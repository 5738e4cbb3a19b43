package dev.regnotify.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.regnotify.registry.Digest;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.ManifestUnknownException;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.registry.TagUnknownException;
import dev.regnotify.storage.InMemoryStorage.Repository;

/** The manifests of an {@link InMemoryStorage}. */
final class MemoryManifests implements ManifestService {

    private final InMemoryStorage storage;

    MemoryManifests(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public boolean exists(RepositoryName repository, Digest digest) {
        return storage.read(() -> {
            Repository repo = storage.find(repository);
            return repo != null && repo.manifests.containsKey(digest);
        });
    }

    @Override
    public Manifest get(RepositoryName repository, Digest digest) {
        return storage.read(() -> {
            Repository repo = storage.find(repository);
            Manifest manifest = repo == null ? null : repo.manifests.get(Objects.requireNonNull(digest, "digest"));
            if (manifest == null) {
                throw new ManifestUnknownException(repository, digest);
            }
            return manifest;
        });
    }

    @Override
    public Manifest get(RepositoryName repository, Tag tag) {
        return storage.read(() -> {
            Repository repo = storage.find(repository);
            Digest digest = repo == null ? null : repo.tags.get(Objects.requireNonNull(tag, "tag"));
            if (digest == null) {
                throw new TagUnknownException(repository, tag);
            }
            return repo.manifests.get(digest);
        });
    }

    @Override
    public Digest put(RepositoryName repository, Manifest manifest) {
        return store(repository, manifest, null);
    }

    @Override
    public Digest put(RepositoryName repository, Manifest manifest, Tag tag) {
        return store(repository, manifest, Objects.requireNonNull(tag, "tag"));
    }

    private Digest store(RepositoryName repository, Manifest manifest, Tag tag) {
        Objects.requireNonNull(manifest, "manifest");
        return storage.write(() -> {
            Repository repo = storage.find(repository);
            References.requirePresent(repository, manifest,
                    d -> repo != null && repo.blobs.containsKey(d),
                    d -> repo != null && repo.manifests.containsKey(d));
            Repository target = storage.repository(repository);
            target.manifests.put(manifest.digest(), manifest);
            if (tag != null) {
                target.tags.put(tag, manifest.digest());
            }
            return manifest.digest();
        });
    }

    @Override
    public List<Tag> delete(RepositoryName repository, Digest digest) {
        return storage.write(() -> {
            Repository repo = storage.find(repository);
            if (repo == null || repo.manifests.remove(Objects.requireNonNull(digest, "digest")) == null) {
                throw new ManifestUnknownException(repository, digest);
            }
            List<Tag> removed = new ArrayList<>();
            repo.tags.entrySet().removeIf(e -> e.getValue().equals(digest) && removed.add(e.getKey()));
            storage.dropIfEmpty(repository, repo);
            return removed;
        });
    }
}
