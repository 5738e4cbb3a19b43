package dev.regnotify.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.regnotify.events.Listened;
import dev.regnotify.storage.DelegatingBlobStore;
import dev.regnotify.storage.DelegatingManifestService;
import dev.regnotify.storage.DelegatingRepositoryService;
import dev.regnotify.storage.DelegatingTagService;
import dev.regnotify.storage.FilesystemStorage;
import dev.regnotify.storage.InMemoryStorage;
import dev.regnotify.storage.RegistryStorage;

/** The four {@code @Listened} services over a reference storage, written as README.md shows them. */
public final class StorageBeans {

    private StorageBeans() {
    }

    @ApplicationScoped
    @Listened
    public static class Manifests extends DelegatingManifestService {
    }

    @ApplicationScoped
    @Listened
    public static class Blobs extends DelegatingBlobStore {
    }

    @ApplicationScoped
    @Listened
    public static class Tags extends DelegatingTagService {
    }

    @ApplicationScoped
    @Listened
    public static class Repositories extends DelegatingRepositoryService {
    }

    /** Produces an in-memory storage. */
    @ApplicationScoped
    public static class Memory {
        @Produces
        @Singleton
        RegistryStorage storage() {
            return new InMemoryStorage();
        }
    }

    /** Produces a filesystem storage in a new temporary folder. */
    @ApplicationScoped
    public static class Filesystem {
        @Produces
        @Singleton
        RegistryStorage storage() {
            try {
                return new FilesystemStorage(Files.createTempDirectory("regnotify-test-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close(@Disposes RegistryStorage storage) {
            storage.close();
        }
    }

    /** The four services, for {@code addBeanClasses}. */
    public static Class<?>[] services() {
        return new Class<?>[] {Manifests.class, Blobs.class, Tags.class, Repositories.class};
    }
}
