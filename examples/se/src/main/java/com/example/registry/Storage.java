package com.example.registry;

import java.nio.file.Path;

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
import dev.regnotify.storage.RegistryStorage;

/** The storage, in the directory of the system property {@code registry.root}, and its four services as beans. */
@ApplicationScoped
public class Storage {

    @Produces
    @Singleton
    RegistryStorage storage() {
        return new FilesystemStorage(Path.of(System.getProperty("registry.root", "target/registry")));
    }

    void close(@Disposes RegistryStorage storage) {
        storage.close();
    }

    /** Manifests: pushes, pulls and deletes fire events. */
    @ApplicationScoped
    @Listened
    public static class Manifests extends DelegatingManifestService {
    }

    /** Blobs: pushes, pulls, mounts and deletes fire events. */
    @ApplicationScoped
    @Listened
    public static class Blobs extends DelegatingBlobStore {
    }

    /** Tags: untagging fires an event. */
    @ApplicationScoped
    @Listened
    public static class Tags extends DelegatingTagService {
    }

    /** Repositories: deleting one fires an event. */
    @ApplicationScoped
    @Listened
    public static class Repositories extends DelegatingRepositoryService {
    }
}
