package dev.regnotify.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.regnotify.events.Listened;
import dev.regnotify.storage.DelegatingBlobStore;
import dev.regnotify.storage.InMemoryStorage;
import dev.regnotify.storage.RegistryStorage;

/** The storage, written as docs/setup.md says: a produced storage and a {@code @Listened} blob store. */
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
