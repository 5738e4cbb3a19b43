package dev.regnotify.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventContext;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.BlobWriter;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.RepositoryService;
import dev.regnotify.registry.Tag;
import dev.regnotify.registry.TagService;

/**
 * What the demo does to the registry: push an image to {@code demo/app}, pull it, mount its layers into
 * {@code demo/other}, then take it all down. Fourteen steps, fourteen notifications: push x4, pull x4, mount x2,
 * delete x4. Each step runs as a request would, with its method, so that the notifications carry a request record.
 */
final class DemoScenario {

    static final RepositoryName APP = RepositoryName.of("demo/app");
    static final RepositoryName OTHER = RepositoryName.of("demo/other");
    static final Tag V1 = Tag.of("v1");
    static final int NOTIFICATIONS = 14;

    /** One step and the events it fired. */
    record Step(String description, List<RegistryEvent> events) {
    }

    private final ManifestService manifests;
    private final BlobStore blobs;
    private final TagService tags;
    private final RepositoryService repositories;
    private final DemoBeans.EventCounter counter;
    private final List<Step> steps = new ArrayList<>();

    DemoScenario(ManifestService manifests, BlobStore blobs, TagService tags, RepositoryService repositories,
            DemoBeans.EventCounter counter) {
        this.manifests = manifests;
        this.blobs = blobs;
        this.tags = tags;
        this.repositories = repositories;
        this.counter = counter;
    }

    List<Step> play() {
        counter.takeNew(); // starts recording: from here each step takes the events it fired
        byte[] configJson = bytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"}}");
        Descriptor config = step("put config blob", "PUT", () -> blobs.put(APP, MediaTypes.OCI_CONFIG, configJson));
        Descriptor layer1 = step("upload layer 1 (create, write, commit)", "PUT", () -> upload("first layer"));
        Descriptor layer2 = step("upload layer 2 (create, write, commit)", "PUT", () -> upload("second layer"));
        Manifest manifest = manifest(config, layer1, layer2);
        step("push manifest as demo/app:v1", "PUT", () -> manifests.put(APP, manifest, V1));
        step("pull manifest demo/app:v1", "GET", () -> manifests.get(APP, V1));
        for (Descriptor blob : List.of(config, layer1, layer2)) {
            step("pull blob " + shortDigest(blob.digest()), "GET", () -> blobs.get(APP, blob.digest()));
        }
        for (Descriptor layer : List.of(layer1, layer2)) {
            step("mount " + shortDigest(layer.digest()) + " into demo/other", "POST",
                    () -> blobs.mount(OTHER, APP, layer.digest()));
        }
        step("untag demo/app:v1", "DELETE", () -> {
            tags.untag(APP, V1);
            return null;
        });
        step("delete manifest " + shortDigest(manifest.digest()), "DELETE",
                () -> manifests.delete(APP, manifest.digest()));
        step("delete config blob from demo/app", "DELETE", () -> {
            blobs.delete(APP, config.digest());
            return null;
        });
        step("delete repository demo/other", "DELETE", () -> {
            repositories.delete(OTHER);
            return null;
        });
        return List.copyOf(steps);
    }

    private Descriptor upload(String content) {
        byte[] bytes = bytes(content);
        try (BlobWriter writer = blobs.create(APP)) {
            int half = bytes.length / 2;
            writer.write(bytes, 0, half);
            writer.write(bytes, half, bytes.length - half);
            return writer.commit(new Descriptor(MediaTypes.OCI_LAYER_GZIP, bytes.length, Digest.of(bytes)));
        }
    }

    private static Manifest manifest(Descriptor config, Descriptor... layers) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"config\":" + descriptor(config) + ",\"layers\":[");
        for (int i = 0; i < layers.length; i++) {
            json.append(i > 0 ? "," : "").append(descriptor(layers[i]));
        }
        return Manifest.of(MediaTypes.OCI_MANIFEST, bytes(json.append("]}").toString()));
    }

    private static String descriptor(Descriptor d) {
        return "{\"mediaType\":\"" + d.mediaType() + "\",\"size\":" + d.size() + ",\"digest\":\"" + d.digest() + "\"}";
    }

    private <T> T step(String description, String method, Supplier<T> action) {
        RequestRecord request = new RequestRecord(UUID.randomUUID().toString(), "127.0.0.1", "localhost:5000",
                method, "regnotify-demo/0.1");
        T result = EventContext.of(request, new ActorRecord("demo")).supply(action);
        steps.add(new Step(description, counter.takeNew()));
        return result;
    }

    static String shortDigest(Digest digest) {
        return digest.algorithm() + ":" + digest.hex().substring(0, 12);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
