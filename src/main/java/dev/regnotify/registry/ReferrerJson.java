package dev.regnotify.registry;

import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reads a manifest's {@code subject}, {@code artifactType} and cosign signature, once, from its parsed payload. */
final class ReferrerJson {

    private ReferrerJson() {
    }

    /**
     * @param json the manifest's payload
     * @param kind what the manifest is
     * @param references its config and layers, or its manifests
     * @return what it says about the manifest it refers to, or null if it has no {@code subject}
     * @throws InvalidManifestException if {@code subject} is not a descriptor or {@code artifactType} not a string
     */
    static Referrer read(JsonObject json, Manifest.Kind kind, List<Descriptor> references) {
        JsonValue subject = json.get("subject");
        if (subject == null) {
            return null;
        }
        if (!(subject instanceof JsonObject object)) {
            throw new InvalidManifestException("field subject must be an object, got " + subject.getValueType());
        }
        String declared = artifactType(json);
        String artifactType = !declared.isEmpty() || kind == Manifest.Kind.INDEX ? declared
                : references.get(0).mediaType();
        String signature = Referrer.COSIGN_SIGNATURE.equals(artifactType) && kind == Manifest.Kind.IMAGE
                ? cosignSignature(json) : "";
        return new Referrer(Manifest.readDescriptor(object, "subject"), artifactType, signature);
    }

    private static String artifactType(JsonObject json) {
        JsonValue value = json.get("artifactType");
        if (value == null) {
            return "";
        }
        if (!(value instanceof JsonString string)) {
            throw new InvalidManifestException("field artifactType must be a string, got " + value.getValueType());
        }
        return string.getString();
    }

    /** @return the first layer's signature annotation, or empty if no layer has one */
    private static String cosignSignature(JsonObject json) {
        for (JsonValue layer : json.getJsonArray("layers")) {
            JsonValue annotations = layer.asJsonObject().get("annotations");
            if (annotations instanceof JsonObject map
                    && map.get(Referrer.COSIGN_SIGNATURE_ANNOTATION) instanceof JsonString signature
                    && !signature.getString().isEmpty()) {
                return signature.getString();
            }
        }
        return "";
    }
}
