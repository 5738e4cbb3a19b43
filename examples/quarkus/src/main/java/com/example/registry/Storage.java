package com.example.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.regnotify.events.Listened;
import dev.regnotify.storage.DelegatingBlobStore;
import dev.regnotify.storage.DelegatingManifestService;
import dev.regnotify.storage.InMemoryStorage;
import dev.regnotify.storage.RegistryStorage;

/** The storage, and the services whose operations fire events. */
@ApplicationScoped
public class Storage {

    @Produces
    @Singleton
    RegistryStorage storage() {
        return new InMemoryStorage();
    }

    /** Blobs: pushes, pulls, mounts and deletes fire events. */
    @ApplicationScoped
    @Listened
    public static class Blobs extends DelegatingBlobStore {
    }

    /** Manifests: pushes, pulls and deletes fire events. */
    @ApplicationScoped
    @Listened
    public static class Manifests extends DelegatingManifestService {
    }
}
