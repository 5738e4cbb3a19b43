package dev.regnotify.registry;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/** Writes the payloads of {@link Manifest#image} and {@link Manifest#index}, fields in the order clients write them. */
final class ManifestJson {

    private ManifestJson() {
    }

    static void requireKind(String mediaType, boolean index) {
        boolean indexType = MediaTypes.OCI_INDEX.equals(mediaType)
                || MediaTypes.DOCKER_MANIFEST_LIST.equals(mediaType);
        if (mediaType == null || !MediaTypes.MANIFESTS.contains(mediaType) || indexType != index) {
            throw new InvalidMediaTypeException(mediaType, index ? "expected " + MediaTypes.OCI_INDEX + " or "
                    + MediaTypes.DOCKER_MANIFEST_LIST : "expected " + MediaTypes.OCI_MANIFEST + " or "
                    + MediaTypes.DOCKER_MANIFEST);
        }
    }

    static byte[] image(String mediaType, Descriptor config, List<Descriptor> layers) {
        JsonArrayBuilder layerArray = Json.createArrayBuilder();
        layers.forEach(layer -> layerArray.add(descriptor(layer)));
        return written(mediaType, Json.createObjectBuilder().add("config", descriptor(config))
                .add("layers", layerArray));
    }

    static byte[] index(String mediaType, List<Descriptor> manifests) {
        JsonArrayBuilder listed = Json.createArrayBuilder();
        manifests.forEach(manifest -> listed.add(descriptor(manifest)));
        return written(mediaType, Json.createObjectBuilder().add("manifests", listed));
    }

    private static byte[] written(String mediaType, JsonObjectBuilder fields) {
        return Json.createObjectBuilder().add("schemaVersion", 2).add("mediaType", mediaType).addAll(fields).build()
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObjectBuilder descriptor(Descriptor descriptor) {
        return Json.createObjectBuilder().add("mediaType", descriptor.mediaType()).add("size", descriptor.size())
                .add("digest", descriptor.digest().toString());
    }
}
