package dev.regnotify.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.BlobUnknownException;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.RepositoryService;
import dev.regnotify.registry.RepositoryUnknownException;
import dev.regnotify.registry.Tag;
import dev.regnotify.registry.TagService;

/**
 * A thread-safe registry storage held in memory. Content is stored once however many repositories link it, and
 * dropped when the last link goes. For tests, demos and benchmarks: nothing survives the process.
 *
 * @since 0.1
 */
public class InMemoryStorage implements RegistryStorage {

    // One lock over all metadata keeps multi-map updates (manifest + tags, link + content) atomic; what it guards
    // are map look-ups, so it is held briefly.
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    final Map<Digest, byte[]> content = new HashMap<>();
    final TreeMap<RepositoryName, Repository> repositories = new TreeMap<>();
    final Map<String, MemoryUpload> uploads = new ConcurrentHashMap<>();

    private final ManifestService manifests = new MemoryManifests(this);
    private final BlobStore blobs = new MemoryBlobs(this);
    private final TagService tags = new MemoryTags(this);
    private final RepositoryService repositoryService = new MemoryRepositories(this);

    /** Creates an empty storage. */
    public InMemoryStorage() {
    }

    @Override
    public ManifestService manifests() {
        return manifests;
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public TagService tags() {
        return tags;
    }

    @Override
    public RepositoryService repositories() {
        return repositoryService;
    }

    /** The links, manifests and tags of one repository; guarded by the storage's lock. */
    static final class Repository {
        final Map<Digest, Descriptor> blobs = new HashMap<>();
        final Map<Digest, Manifest> manifests = new HashMap<>();
        final TreeMap<Tag, Digest> tags = new TreeMap<>();

        boolean isEmpty() {
            return blobs.isEmpty() && manifests.isEmpty() && tags.isEmpty();
        }
    }

    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Under a lock: the repository, or null. */
    Repository find(RepositoryName name) {
        return repositories.get(Objects.requireNonNull(name, "repository"));
    }

    /** Under a lock: the repository, which must exist. */
    Repository existing(RepositoryName name) {
        Repository repo = find(name);
        if (repo == null) {
            throw new RepositoryUnknownException(name);
        }
        return repo;
    }

    /** Under the write lock: the repository, created if new. */
    Repository repository(RepositoryName name) {
        return repositories.computeIfAbsent(Objects.requireNonNull(name, "repository"), n -> new Repository());
    }

    /** Under a lock: the repository's link to a blob. */
    Descriptor link(RepositoryName repository, Digest digest) {
        Repository repo = find(repository);
        Descriptor descriptor = repo == null ? null : repo.blobs.get(Objects.requireNonNull(digest, "digest"));
        if (descriptor == null) {
            throw new BlobUnknownException(repository, digest);
        }
        return descriptor;
    }

    /** Stores content (once) and links it into the repository. */
    Descriptor store(RepositoryName repository, Descriptor descriptor, byte[] bytes) {
        return write(() -> {
            content.putIfAbsent(descriptor.digest(), bytes);
            repository(repository).blobs.put(descriptor.digest(), descriptor);
            return descriptor;
        });
    }

    /** Under the write lock: a repository that holds nothing is gone. */
    void dropIfEmpty(RepositoryName name, Repository repo) {
        if (repo.isEmpty()) {
            repositories.remove(name);
        }
    }

    /** Under the write lock: content goes when no repository links it any more. */
    void dropIfUnlinked(Digest digest) {
        for (Repository repo : repositories.values()) {
            if (repo.blobs.containsKey(digest)) {
                return;
            }
        }
        content.remove(digest);
    }
}
