package dev.regnotify.storage;

import java.util.List;

import jakarta.inject.Inject;

import dev.regnotify.registry.Digest;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;

/**
 * The manifests of the application's {@link RegistryStorage} bean, as a class to subclass into a
 * {@code @Listened} bean: {@code @ApplicationScoped @Listened class Manifests extends DelegatingManifestService {}}.
 *
 * @since 0.1
 */
public class DelegatingManifestService implements ManifestService {

    private ManifestService delegate;

    /** For the container, which then calls {@link #setStorage}; also what client proxies use. */
    protected DelegatingManifestService() {
    }

    /** @param storage the storage to delegate to, for use without a container */
    public DelegatingManifestService(RegistryStorage storage) {
        setStorage(storage);
    }

    /** @param storage the storage to delegate to; the container injects the application's storage bean */
    @Inject
    protected void setStorage(RegistryStorage storage) {
        this.delegate = storage.manifests();
    }

    @Override
    public boolean exists(RepositoryName repository, Digest digest) {
        return delegate.exists(repository, digest);
    }

    @Override
    public Manifest get(RepositoryName repository, Digest digest) {
        return delegate.get(repository, digest);
    }

    @Override
    public Manifest get(RepositoryName repository, Tag tag) {
        return delegate.get(repository, tag);
    }

    @Override
    public Digest put(RepositoryName repository, Manifest manifest) {
        return delegate.put(repository, manifest);
    }

    @Override
    public Digest put(RepositoryName repository, Manifest manifest, Tag tag) {
        return delegate.put(repository, manifest, tag);
    }

    @Override
    public List<Tag> delete(RepositoryName repository, Digest digest) {
        return delegate.delete(repository, digest);
    }
}
