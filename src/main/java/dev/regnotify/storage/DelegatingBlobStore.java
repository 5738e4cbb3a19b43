package dev.regnotify.storage;

import java.io.InputStream;

import jakarta.inject.Inject;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.BlobWriter;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;

/**
 * The blobs of the application's {@link RegistryStorage} bean, as a class to subclass into a {@code @Listened}
 * bean: {@code @ApplicationScoped @Listened class Blobs extends DelegatingBlobStore {}}.
 *
 * @since 0.1
 */
public class DelegatingBlobStore implements BlobStore {

    private BlobStore delegate;

    /** For the container, which then calls {@link #setStorage}; also what client proxies use. */
    protected DelegatingBlobStore() {
    }

    /** @param storage the storage to delegate to, for use without a container */
    public DelegatingBlobStore(RegistryStorage storage) {
        setStorage(storage);
    }

    /** @param storage the storage to delegate to; the container injects the application's storage bean */
    @Inject
    protected void setStorage(RegistryStorage storage) {
        this.delegate = storage.blobs();
    }

    @Override
    public Descriptor stat(RepositoryName repository, Digest digest) {
        return delegate.stat(repository, digest);
    }

    @Override
    public byte[] get(RepositoryName repository, Digest digest) {
        return delegate.get(repository, digest);
    }

    @Override
    public InputStream open(RepositoryName repository, Digest digest) {
        return delegate.open(repository, digest);
    }

    @Override
    public Descriptor put(RepositoryName repository, String mediaType, byte[] content) {
        return delegate.put(repository, mediaType, content);
    }

    @Override
    public BlobWriter create(RepositoryName repository) {
        return delegate.create(repository);
    }

    @Override
    public BlobWriter resume(RepositoryName repository, String uploadId) {
        return delegate.resume(repository, uploadId);
    }

    @Override
    public Descriptor mount(RepositoryName repository, RepositoryName from, Digest digest) {
        return delegate.mount(repository, from, digest);
    }

    @Override
    public void delete(RepositoryName repository, Digest digest) {
        delegate.delete(repository, digest);
    }
}
