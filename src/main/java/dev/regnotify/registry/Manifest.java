package dev.regnotify.registry;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

/**
 * A manifest: its media type and the exact bytes that were pushed. Its digest is the digest of those bytes, never
 * of a re-serialization, so a client that computed it locally finds the same one.
 *
 * <p>Understands the four payloads clients push today: OCI image manifest and index, Docker schema 2 manifest and
 * manifest list. Instances are immutable and validated on construction.
 *
 * @since 0.1
 */
public final class Manifest {

    /** What a manifest's {@link #references()} point at. */
    public enum Kind {
        /** An image manifest: references a config blob and layer blobs. */
        IMAGE,
        /** An index or manifest list: references other manifests. */
        INDEX
    }

    private final String mediaType;
    private final byte[] payload;
    private final Digest digest;
    private final Kind kind;
    private final List<Descriptor> references;
    private final Descriptor descriptor;
    private final Referrer referrer;

    private Manifest(String mediaType, byte[] payload, JsonObject json) {
        this.mediaType = mediaType;
        this.payload = payload;
        this.digest = Digest.of(payload);
        this.kind = mediaType.equals(MediaTypes.OCI_INDEX) || mediaType.equals(MediaTypes.DOCKER_MANIFEST_LIST)
                ? Kind.INDEX : Kind.IMAGE;
        this.references = List.copyOf(readReferences(json, kind));
        this.descriptor = new Descriptor(mediaType, payload.length, digest);
        this.referrer = ReferrerJson.read(json, kind, references);
    }

    /**
     * @param mediaType the media type the client declared, one of {@link MediaTypes#MANIFESTS}
     * @param payload the exact bytes pushed (copied)
     * @return the validated manifest
     * @throws InvalidMediaTypeException if the media type is not a supported manifest type
     * @throws InvalidManifestException if the payload is not a manifest of that type
     */
    public static Manifest of(String mediaType, byte[] payload) {
        if (mediaType == null || !MediaTypes.MANIFESTS.contains(mediaType)) {
            throw new InvalidMediaTypeException(mediaType, "expected one of " + MediaTypes.MANIFESTS);
        }
        byte[] copy = requirePayload(payload);
        JsonObject json = read(copy);
        String declared = declaredMediaType(json);
        if (declared != null && !declared.equals(mediaType)) {
            throw new InvalidManifestException("field mediaType is \"" + declared + "\" but the manifest was given as "
                    + mediaType);
        }
        return new Manifest(mediaType, copy, json);
    }

    /**
     * Writes an image manifest, as a client pushes one, for blobs already described: for tests, examples and
     * registries that assemble images themselves, without hand-written JSON.
     *
     * @param mediaType {@link MediaTypes#OCI_MANIFEST} or {@link MediaTypes#DOCKER_MANIFEST}
     * @param config the image's config blob
     * @param layers its layer blobs, in order
     * @return the manifest: {@code schemaVersion}, {@code mediaType}, {@code config}, {@code layers}
     * @throws InvalidMediaTypeException if the media type is not one of an image manifest
     * @since 0.3
     */
    public static Manifest image(String mediaType, Descriptor config, List<Descriptor> layers) {
        ManifestJson.requireKind(mediaType, false);
        return of(mediaType, ManifestJson.image(mediaType, config, layers));
    }

    /**
     * Writes an index (or manifest list) of manifests already described.
     *
     * @param mediaType {@link MediaTypes#OCI_INDEX} or {@link MediaTypes#DOCKER_MANIFEST_LIST}
     * @param manifests the manifests it lists, in order
     * @return the index: {@code schemaVersion}, {@code mediaType}, {@code manifests}
     * @throws InvalidMediaTypeException if the media type is not one of an index
     * @since 0.3
     */
    public static Manifest index(String mediaType, List<Descriptor> manifests) {
        ManifestJson.requireKind(mediaType, true);
        return of(mediaType, ManifestJson.index(mediaType, manifests));
    }

    /**
     * Reads a manifest whose media type is known only from its payload: the {@code mediaType} field, or for OCI
     * payloads without one, the presence of {@code manifests} (an index) or {@code config} (an image manifest).
     *
     * @param payload the exact bytes pushed (copied)
     * @return the validated manifest
     * @throws InvalidManifestException if the payload is not a manifest this class understands
     */
    public static Manifest parse(byte[] payload) {
        byte[] copy = requirePayload(payload);
        JsonObject json = read(copy);
        String declared = declaredMediaType(json);
        if (declared == null) {
            if (json.containsKey("manifests")) {
                declared = MediaTypes.OCI_INDEX;
            } else if (json.containsKey("config")) {
                declared = MediaTypes.OCI_MANIFEST;
            } else {
                throw new InvalidManifestException("no field mediaType, config or manifests tells what it is");
            }
        }
        if (!MediaTypes.MANIFESTS.contains(declared)) {
            throw new InvalidManifestException("field mediaType \"" + declared + "\" is not one of "
                    + MediaTypes.MANIFESTS);
        }
        return new Manifest(declared, copy, json);
    }

    /** @return the manifest's media type */
    public String mediaType() {
        return mediaType;
    }

    /** @return a copy of the exact bytes pushed */
    public byte[] payload() {
        return payload.clone();
    }

    /** @return the payload's size in bytes */
    public int size() {
        return payload.length;
    }

    /** @return the sha256 digest of the exact payload */
    public Digest digest() {
        return digest;
    }

    /** @return whether this is an image manifest or an index */
    public Kind kind() {
        return kind;
    }

    /** @return the descriptor of this manifest: media type, payload size, digest */
    public Descriptor descriptor() {
        return descriptor;
    }

    /**
     * @return for an image manifest its config then its layers; for an index its manifests; in payload order
     */
    public List<Descriptor> references() {
        return references;
    }

    /**
     * @return what the manifest says about the manifest it refers to ({@code subject}: a signature, an SBOM, an
     *         attestation), or empty if it refers to none
     * @since 0.4
     */
    public Optional<Referrer> referrer() {
        return Optional.ofNullable(referrer);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Manifest that && mediaType.equals(that.mediaType)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "Manifest[" + mediaType + ", " + digest + ", " + payload.length + " bytes]";
    }

    private static byte[] requirePayload(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new InvalidManifestException("the payload is empty");
        }
        return payload.clone();
    }

    private static JsonObject read(byte[] payload) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(payload))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidManifestException("expected a JSON object, got " + value.getValueType());
            }
            JsonObject json = value.asJsonObject();
            JsonValue schemaVersion = json.get("schemaVersion");
            if (!(schemaVersion instanceof JsonNumber number) || number.intValue() != 2) {
                throw new InvalidManifestException("field schemaVersion must be 2, got " + schemaVersion);
            }
            return json;
        } catch (JsonParsingException e) {
            throw new InvalidManifestException("not JSON: " + e.getMessage(), e);
        } catch (JsonException e) {
            throw new InvalidManifestException("unreadable: " + e.getMessage(), e);
        }
    }

    private static String declaredMediaType(JsonObject json) {
        JsonValue value = json.get("mediaType");
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw new InvalidManifestException("field mediaType must be a string, got " + value.getValueType());
        }
        return string.getString();
    }

    private static List<Descriptor> readReferences(JsonObject json, Kind kind) {
        List<Descriptor> references = new ArrayList<>();
        if (kind == Kind.INDEX) {
            references.addAll(readDescriptors(json, "manifests"));
        } else {
            JsonValue config = json.get("config");
            if (!(config instanceof JsonObject object)) {
                throw new InvalidManifestException("field config must be an object, got " + config);
            }
            references.add(readDescriptor(object, "config"));
            references.addAll(readDescriptors(json, "layers"));
        }
        return references;
    }

    private static List<Descriptor> readDescriptors(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null) {
            throw new InvalidManifestException("field " + field + " is missing");
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidManifestException("field " + field + " must be an array, got " + value.getValueType());
        }
        List<Descriptor> descriptors = new ArrayList<>();
        int i = 0;
        for (JsonValue item : value.asJsonArray()) {
            String path = field + "[" + i++ + "]";
            if (!(item instanceof JsonObject object)) {
                throw new InvalidManifestException("field " + path + " must be an object, got " + item.getValueType());
            }
            descriptors.add(readDescriptor(object, path));
        }
        return descriptors;
    }

    static Descriptor readDescriptor(JsonObject json, String path) {
        JsonValue mediaType = json.get("mediaType");
        JsonValue size = json.get("size");
        JsonValue digest = json.get("digest");
        if (!(mediaType instanceof JsonString type)) {
            throw new InvalidManifestException("field " + path + ".mediaType must be a string, got " + mediaType);
        }
        if (!(size instanceof JsonNumber number) || !number.isIntegral()) {
            throw new InvalidManifestException("field " + path + ".size must be an integer, got " + size);
        }
        if (!(digest instanceof JsonString hash)) {
            throw new InvalidManifestException("field " + path + ".digest must be a string, got " + digest);
        }
        try {
            return new Descriptor(type.getString(), number.longValueExact(), Digest.parse(hash.getString()));
        } catch (RegistryException | ArithmeticException e) {
            throw new InvalidManifestException("field " + path + ": " + e.getMessage(), e);
        }
    }
}
