package com.example.registry;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.json.Json;
import jakarta.json.JsonObject;

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
import dev.regnotify.subscriptions.IssuedSecret;
import dev.regnotify.subscriptions.Subscriptions;

/**
 * Pushes an image (a config blob and a manifest tagged {@code v1}) through the {@code @Listened} services: the
 * observer says so, and the endpoint of {@code META-INF/regnotify.json} gets two notifications. Closing the container
 * delivers what is queued.
 *
 * <p>With {@code -Dsubscription.url=URL}, a team's webhook is subscribed first, at runtime, for its repositories
 * ({@code team/**}): it is kept in the application's database ({@link JdbcSubscriptionStore}), so a later run finds
 * it there, and it gets the push too, signed with its own secret.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        try (SeContainer container = SeContainerInitializer.newInstance().initialize()) {
            String hook = System.getProperty("subscription.url");
            if (hook != null) {
                subscribe(container.select(Subscriptions.class).get(), hook);
            }
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

    /** Subscribes the team's webhook, unless a run before did: the database kept it. */
    private static void subscribe(Subscriptions subscriptions, String url) {
        if (subscriptions.get("team-builds").isPresent()) {
            System.out.println("subscription team-builds kept from before");
            return;
        }
        JsonObject subscription = Json.createObjectBuilder().add("name", "team-builds").add("owner", "team")
                .add("url", url).add("filter", Json.createObjectBuilder().add("repositories",
                        Json.createArrayBuilder().add("team/**")))
                .build();
        // the answer holds the secret, shown this once: hand it to the team, never to a log
        IssuedSecret issued = subscriptions.create(subscription.toString());
        System.out.println("subscription team-builds created for team/** (its secret goes to the team: "
                + issued.secret().length() + " characters)");
    }
}
