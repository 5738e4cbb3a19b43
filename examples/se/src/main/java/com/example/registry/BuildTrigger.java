package com.example.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.regnotify.events.ManifestPushed;

/** An application observer: what a registry would do when an image is pushed (here, say it). */
@ApplicationScoped
public class BuildTrigger {

    void onPush(@Observes ManifestPushed pushed) {
        System.out.println("pushed " + pushed.repository() + ":" + pushed.tag() + " " + pushed.digest());
    }
}
