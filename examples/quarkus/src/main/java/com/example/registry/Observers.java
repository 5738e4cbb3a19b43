package com.example.registry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import dev.regnotify.events.BlobPushed;
import dev.regnotify.events.InRepository;
import dev.regnotify.events.RegistryEvent;

/** Observers as an application writes them: one type, everything asynchronously, one repository. */
@ApplicationScoped
public class Observers {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    void onPush(@Observes BlobPushed pushed) {
        seen.add("push " + pushed.repository());
    }

    void audit(@ObservesAsync RegistryEvent event) {
        seen.add("async " + event.action().wireName() + " " + event.repository());
    }

    void team(@Observes @InRepository("team/app") RegistryEvent event) {
        seen.add("team " + event.action().wireName());
    }

    public List<String> seen() {
        return List.copyOf(seen);
    }
}
