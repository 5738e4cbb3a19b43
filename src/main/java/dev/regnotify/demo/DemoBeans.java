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

    /** Counts the events the application sees, and hands each step the ones it fired. */
    @ApplicationScoped
    static class EventCounter {
        private final List<RegistryEvent> events = new ArrayList<>();
        private int taken;

        synchronized void count(@Observes RegistryEvent event) {
            events.add(event);
        }

        /** @return the events fired since the last call */
        synchronized List<RegistryEvent> takeNew() {
            List<RegistryEvent> fresh = List.copyOf(events.subList(taken, events.size()));
            taken = events.size();
            return fresh;
        }

        synchronized int total() {
            return events.size();
        }
    }
}
