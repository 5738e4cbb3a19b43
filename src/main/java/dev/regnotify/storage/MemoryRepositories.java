package dev.regnotify.storage;

import java.util.List;

import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.RepositoryService;
import dev.regnotify.registry.RepositoryUnknownException;
import dev.regnotify.storage.InMemoryStorage.Repository;

/** The repositories of an {@link InMemoryStorage}. */
final class MemoryRepositories implements RepositoryService {

    private final InMemoryStorage storage;

    MemoryRepositories(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public List<RepositoryName> catalog(int max, RepositoryName after) {
        return storage.read(() -> Catalog.page(storage.repositories.navigableKeySet(), max, after));
    }

    @Override
    public void delete(RepositoryName repository) {
        storage.write(() -> {
            Repository repo = storage.repositories.remove(repository);
            if (repo == null) {
                throw new RepositoryUnknownException(repository);
            }
            repo.blobs.keySet().forEach(storage::dropIfUnlinked);
            return null;
        });
    }
}
