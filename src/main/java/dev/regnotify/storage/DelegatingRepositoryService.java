package dev.regnotify.storage;

import java.util.List;

import jakarta.inject.Inject;

import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.RepositoryService;

/**
 * The repositories of the application's {@link RegistryStorage} bean, as a class to subclass into a
 * {@code @Listened} bean: {@code @ApplicationScoped @Listened class Repositories extends
 * DelegatingRepositoryService {}}.
 *
 * @since 0.1
 */
public class DelegatingRepositoryService implements RepositoryService {

    private RepositoryService delegate;

    /** For the container, which then calls {@link #setStorage}; also what client proxies use. */
    protected DelegatingRepositoryService() {
    }

    /** @param storage the storage to delegate to, for use without a container */
    public DelegatingRepositoryService(RegistryStorage storage) {
        setStorage(storage);
    }

    /** @param storage the storage to delegate to; the container injects the application's storage bean */
    @Inject
    protected void setStorage(RegistryStorage storage) {
        this.delegate = storage.repositories();
    }

    @Override
    public List<RepositoryName> catalog(int max, RepositoryName after) {
        return delegate.catalog(max, after);
    }

    @Override
    public void delete(RepositoryName repository) {
        delegate.delete(repository);
    }
}
