package dev.regnotify.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.regnotify.events.RegistryEvent;

/** An application observer that records every registry event it is given, in order. */
@ApplicationScoped
public class Recorder {

    private final List<RegistryEvent> events = new CopyOnWriteArrayList<>();

    void record(@Observes RegistryEvent event) {
        events.add(event);
    }

    public List<RegistryEvent> events() {
        return List.copyOf(events);
    }

    public <T extends RegistryEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public void clear() {
        events.clear();
    }
}
