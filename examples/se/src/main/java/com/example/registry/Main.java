package com.example.registry;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventContext;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;

/**
 * Pushes an image (a config blob and a manifest tagged {@code v1}) through the {@code @Listened} services: the
 * observer says so, and the endpoint of {@code META-INF/regnotify.json} gets two notifications. Closing the container
 * delivers what is queued.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        try (SeContainer container = SeContainerInitializer.newInstance().initialize()) {
            BlobStore blobs = container.select(BlobStore.class).get();
            ManifestService manifests = container.select(ManifestService.class).get();
            RepositoryName repository = RepositoryName.of("team/app");
            EventContext request = EventContext.of(new RequestRecord("req-1", "10.0.0.7", "registry.example.com",
                    "PUT", "example/1.0"), new ActorRecord("alice"));
            request.run(() -> {
                Descriptor config = blobs.put(repository, MediaTypes.OCI_CONFIG,
                        "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8));
                manifests.put(repository, Manifest.image(MediaTypes.OCI_MANIFEST, config, List.of()), Tag.of("v1"));
            });
        }
    }
}
