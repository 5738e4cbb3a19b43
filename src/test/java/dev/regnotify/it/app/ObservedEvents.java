package dev.regnotify.it.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import dev.regnotify.events.RegistryEvent;

/** The application's observers: what they saw, and the threads asynchronous ones ran on. */
@ApplicationScoped
public class ObservedEvents {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> asyncThreads = new CopyOnWriteArrayList<>();

    void observe(@Observes RegistryEvent event) {
        events.add(event.action().wireName() + " " + event.repository() + " " + event.id());
    }

    void observeAsync(@ObservesAsync RegistryEvent event) {
        asyncThreads.add(Thread.currentThread().getName());
    }

    List<String> events() {
        return List.copyOf(events);
    }

    List<String> asyncThreads() {
        return List.copyOf(asyncThreads);
    }
}
