package com.example.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.regnotify.events.Listened;
import dev.regnotify.storage.DelegatingBlobStore;
import dev.regnotify.storage.InMemoryStorage;
import dev.regnotify.storage.RegistryStorage;

/** The storage the registry keeps its blobs in, and the blob store whose operations fire events. */
@ApplicationScoped
public class Storage {

    @Produces
    @Singleton
    RegistryStorage storage() {
        return new InMemoryStorage();
    }

    /** The blob store whose operations fire events. */
    @ApplicationScoped
    @Listened
    public static class Blobs extends DelegatingBlobStore {
    }
}
