package dev.regnotify.demo;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.events.Listened;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.storage.DelegatingBlobStore;
import dev.regnotify.storage.DelegatingManifestService;
import dev.regnotify.storage.DelegatingRepositoryService;
import dev.regnotify.storage.DelegatingTagService;
import dev.regnotify.storage.RegistryStorage;

/**
 * The demo's application: the filesystem storage as four {@code @Listened} beans, its configuration, and an observer
 * that counts events. Written as an application would write them; the demo adds them to its Weld container by hand
 * (META-INF/beans.xml keeps them out of everyone else's).
 */
final class DemoBeans {

    /** What the next container is built with; set by {@link Main} before it starts Weld. */
    static volatile RegistryStorage storage;
    static volatile RegnotifyConfig config;

    private DemoBeans() {
    }

    static Class<?>[] all() {
        return new Class<?>[] {Producers.class, Manifests.class, Blobs.class, Tags.class, Repositories.class,
            EventCounter.class};
    }

    @ApplicationScoped
    static class Producers {
        @Produces
        @Singleton
        RegistryStorage storage() {
            return storage;
        }

        @Produces
        @Singleton
        RegnotifyConfig config() {
            return config;
        }
    }

    @ApplicationScoped
    @Listened
    static class Manifests extends DelegatingManifestService {
    }

    @ApplicationScoped
    @Listened
    static class Blobs extends DelegatingBlobStore {
    }

    @ApplicationScoped
    @Listened
    static class Tags extends DelegatingTagService {
    }

    @ApplicationScoped
    @Listened
    static class Repositories extends DelegatingRepositoryService {
    }

    /**
     * The scenario's observer: hands each step the events it fired. It keeps only what was not taken yet, and only
     * once the scenario asked for it: the bench and the registry server never take any.
     */
    @ApplicationScoped
    static class EventCounter {
        private final List<RegistryEvent> events = new ArrayList<>();
        private volatile boolean recording;

        void count(@Observes RegistryEvent event) {
            if (recording) {
                synchronized (this) {
                    events.add(event);
                }
            }
        }

        /** @return the events fired since the last call (the first call starts the recording) */
        synchronized List<RegistryEvent> takeNew() {
            recording = true;
            List<RegistryEvent> fresh = List.copyOf(events);
            events.clear();
            return fresh;
        }
    }
}
