package dev.regnotify.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.MediaTypes;

/** Builds small image payloads for tests: blobs, image manifests and indexes in the exact JSON clients send. */
public final class Images {

    private Images() {
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static Descriptor describe(String mediaType, byte[] content) {
        return new Descriptor(mediaType, content.length, Digest.of(content));
    }

    public static Manifest imageManifest(String mediaType, Descriptor config, List<Descriptor> layers) {
        String json = "{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"" + mediaType + "\",\n  \"config\": "
                + descriptorJson(config) + ",\n  \"layers\": [" + layers.stream().map(Images::descriptorJson)
                        .collect(Collectors.joining(", ")) + "]\n}";
        return Manifest.of(mediaType, bytes(json));
    }

    public static Manifest ociManifest(Descriptor config, Descriptor... layers) {
        return imageManifest(MediaTypes.OCI_MANIFEST, config, List.of(layers));
    }

    public static Manifest ociIndex(Descriptor... manifests) {
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                + List.of(manifests).stream().map(Images::descriptorJson).collect(Collectors.joining(",")) + "]}";
        return Manifest.of(MediaTypes.OCI_INDEX, bytes(json));
    }

    /**
     * An OCI image manifest that refers to another, as cosign (OCI 1.1 layout) and Notary push their signatures.
     *
     * @param artifactType its {@code artifactType}, or null to leave it out (then its config's media type stands)
     * @param annotations the layer's annotations, as JSON ({@code {"k":"v"}}), or null for none
     */
    public static Manifest referrer(Descriptor subject, String artifactType, Descriptor config, Descriptor layer,
            String annotations) {
        String layerJson = annotations == null ? descriptorJson(layer)
                : descriptorJson(layer).replaceFirst("}$", ",\"annotations\":" + annotations + "}");
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\""
                + (artifactType == null ? "" : ",\"artifactType\":\"" + artifactType + "\"")
                + ",\"config\":" + descriptorJson(config) + ",\"layers\":[" + layerJson + "],\"subject\":"
                + descriptorJson(subject) + "}";
        return Manifest.of(MediaTypes.OCI_MANIFEST, bytes(json));
    }

    public static String descriptorJson(Descriptor d) {
        return "{\"mediaType\":\"" + d.mediaType() + "\",\"size\":" + d.size() + ",\"digest\":\"" + d.digest() + "\"}";
    }
}
