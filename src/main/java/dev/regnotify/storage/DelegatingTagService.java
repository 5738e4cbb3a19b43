package dev.regnotify.storage;

import java.util.List;

import jakarta.inject.Inject;

import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.registry.TagService;

/**
 * The tags of the application's {@link RegistryStorage} bean, as a class to subclass into a {@code @Listened}
 * bean: {@code @ApplicationScoped @Listened class Tags extends DelegatingTagService {}}.
 *
 * @since 0.1
 */
public class DelegatingTagService implements TagService {

    private TagService delegate;

    /** For the container, which then calls {@link #setStorage}; also what client proxies use. */
    protected DelegatingTagService() {
    }

    /** @param storage the storage to delegate to, for use without a container */
    public DelegatingTagService(RegistryStorage storage) {
        setStorage(storage);
    }

    /** @param storage the storage to delegate to; the container injects the application's storage bean */
    @Inject
    protected void setStorage(RegistryStorage storage) {
        this.delegate = storage.tags();
    }

    @Override
    public Descriptor get(RepositoryName repository, Tag tag) {
        return delegate.get(repository, tag);
    }

    @Override
    public void tag(RepositoryName repository, Tag tag, Digest manifest) {
        delegate.tag(repository, tag, manifest);
    }

    @Override
    public List<Tag> list(RepositoryName repository) {
        return delegate.list(repository);
    }

    @Override
    public void untag(RepositoryName repository, Tag tag) {
        delegate.untag(repository, tag);
    }
}
