package dev.regnotify.storage;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.RepositoryService;
import dev.regnotify.registry.TagService;

/**
 * A whole registry storage: the four SPI services over one shared state. The SPI's services cannot be one class
 * ({@code ManifestService.get(repo, digest)} and {@code BlobStore.get(repo, digest)} differ only in what they
 * return), so a storage hands them out.
 *
 * <p>The services returned here fire nothing. To fire events, produce the storage as a bean and subclass the
 * delegating services as {@code @Listened} beans:
 * <pre>{@code
 * @Produces @Singleton RegistryStorage storage() { return new FilesystemStorage(Path.of("/var/lib/registry")); }
 *
 * @ApplicationScoped @Listened class Manifests extends DelegatingManifestService {}
 * @ApplicationScoped @Listened class Blobs extends DelegatingBlobStore {}
 * @ApplicationScoped @Listened class Tags extends DelegatingTagService {}
 * @ApplicationScoped @Listened class Repositories extends DelegatingRepositoryService {}
 * }</pre>
 *
 * @since 0.1
 */
public interface RegistryStorage extends AutoCloseable {

    /** @return the manifests of every repository */
    ManifestService manifests();

    /** @return the blobs and uploads of every repository */
    BlobStore blobs();

    /** @return the tags of every repository */
    TagService tags();

    /** @return the repositories */
    RepositoryService repositories();

    /**
     * Releases what the storage holds, such as the filesystem storage's hold on its directory; a producer's
     * disposer calls it. The in-memory storage holds nothing.
     */
    @Override
    default void close() {
    }
}
