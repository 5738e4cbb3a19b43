package dev.regnotify.registry;

import static dev.regnotify.testing.Images.bytes;
import static dev.regnotify.testing.Images.describe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.regnotify.testing.Images;

class ManifestTest {

    private final Descriptor config = describe(MediaTypes.OCI_CONFIG, bytes("{}"));
    private final Descriptor layer1 = describe(MediaTypes.OCI_LAYER_GZIP, bytes("layer one"));
    private final Descriptor layer2 = describe(MediaTypes.OCI_LAYER_GZIP, bytes("layer two"));

    @ParameterizedTest
    @ValueSource(strings = {MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST})
    void imageManifestReferencesConfigThenLayers(String mediaType) {
        Manifest manifest = Images.imageManifest(mediaType, config, List.of(layer1, layer2));
        assertEquals(Manifest.Kind.IMAGE, manifest.kind());
        assertEquals(List.of(config, layer1, layer2), manifest.references());
        assertEquals(mediaType, manifest.mediaType());
    }

    @ParameterizedTest
    @ValueSource(strings = {MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST})
    void imageWritesTheManifestAClientPushesWithoutHandWrittenJson(String mediaType) {
        Manifest manifest = Manifest.image(mediaType, config, List.of(layer1, layer2));
        assertEquals(mediaType, manifest.mediaType());
        assertEquals(List.of(config, layer1, layer2), manifest.references());
        assertEquals(manifest, Manifest.parse(manifest.payload()), "its payload reads back as the same manifest");
        assertEquals(Digest.of(manifest.payload()), manifest.digest());
        assertTrue(new String(manifest.payload(), java.nio.charset.StandardCharsets.UTF_8)
                .startsWith("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":{"),
                "the fields in the order clients write them");

        try (dev.regnotify.storage.InMemoryStorage storage = new dev.regnotify.storage.InMemoryStorage()) {
            RepositoryName repo = RepositoryName.of("team/app");
            assertEquals(config, storage.blobs().put(repo, MediaTypes.OCI_CONFIG, bytes("{}")));
            storage.blobs().put(repo, MediaTypes.OCI_LAYER_GZIP, bytes("layer one"));
            assertThrows(ManifestBlobUnknownException.class, () -> storage.manifests().put(repo, manifest),
                    "a storage refuses it while a layer is missing");
            storage.blobs().put(repo, MediaTypes.OCI_LAYER_GZIP, bytes("layer two"));
            assertEquals(manifest.digest(), storage.manifests().put(repo, manifest, Tag.of("v1")));
        }
    }

    @Test
    void imageRefusesAnIndexTypeAndAnIndexRefusesAnImageType() {
        assertThrows(InvalidMediaTypeException.class, () -> Manifest.image(MediaTypes.OCI_INDEX, config, List.of()));
        Manifest image = Manifest.image(MediaTypes.OCI_MANIFEST, config, List.of(layer1));
        Manifest index = Manifest.index(MediaTypes.OCI_INDEX, List.of(image.descriptor()));
        assertEquals(Manifest.Kind.INDEX, index.kind());
        assertEquals(List.of(image.descriptor()), index.references());
        assertThrows(InvalidMediaTypeException.class, () -> Manifest.index(MediaTypes.OCI_MANIFEST, List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST})
    void indexReferencesItsManifests(String mediaType) {
        Descriptor m1 = Images.ociManifest(config, layer1).descriptor();
        Descriptor m2 = Images.ociManifest(config, layer2).descriptor();
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"manifests\":["
                + Images.descriptorJson(m1) + "," + Images.descriptorJson(m2) + "]}";
        Manifest index = Manifest.of(mediaType, bytes(json));
        assertEquals(Manifest.Kind.INDEX, index.kind());
        assertEquals(List.of(m1, m2), index.references());
    }

    @Test
    void digestIsOfTheExactBytesNotOfAReserialization() {
        String compact = "{\"schemaVersion\":2,\"config\":" + Images.descriptorJson(config) + ",\"layers\":[]}";
        String spaced = "{ \"schemaVersion\" : 2, \"config\" : " + Images.descriptorJson(config) + ", \"layers\" : [] }";
        Manifest a = Manifest.of(MediaTypes.OCI_MANIFEST, bytes(compact));
        Manifest b = Manifest.of(MediaTypes.OCI_MANIFEST, bytes(spaced));
        assertEquals(Digest.of(bytes(compact)), a.digest());
        assertEquals(Digest.of(bytes(spaced)), b.digest());
        assertNotEquals(a.digest(), b.digest());
        assertArrayEquals(bytes(spaced), b.payload());
        assertEquals(new Descriptor(MediaTypes.OCI_MANIFEST, spaced.length(), b.digest()), b.descriptor());
    }

    @Test
    void payloadIsCopiedBothWays() {
        byte[] payload = Images.ociManifest(config).payload();
        Manifest manifest = Manifest.of(MediaTypes.OCI_MANIFEST, payload);
        payload[0] = ' ';
        manifest.payload()[1] = ' ';
        assertEquals(Digest.of(manifest.payload()), manifest.digest());
    }

    @Test
    void parseDetectsTheMediaType() {
        assertEquals(MediaTypes.DOCKER_MANIFEST,
                Manifest.parse(Images.imageManifest(MediaTypes.DOCKER_MANIFEST, config, List.of()).payload()).mediaType());
        String bareOci = "{\"schemaVersion\":2,\"config\":" + Images.descriptorJson(config) + ",\"layers\":[]}";
        assertEquals(MediaTypes.OCI_MANIFEST, Manifest.parse(bytes(bareOci)).mediaType());
        assertEquals(MediaTypes.OCI_INDEX, Manifest.parse(bytes("{\"schemaVersion\":2,\"manifests\":[]}")).mediaType());
    }

    @Test
    void badPayloadsNameTheField() {
        assertMessage("invalid manifest: the payload is empty", new byte[0]);
        assertMessage("invalid manifest: not JSON", bytes("{nope"));
        assertMessage("invalid manifest: expected a JSON object, got ARRAY", bytes("[]"));
        assertMessage("invalid manifest: field schemaVersion must be 2, got 1", bytes("{\"schemaVersion\":1}"));
        assertMessage("invalid manifest: field config must be an object", bytes("{\"schemaVersion\":2,\"layers\":[]}"));
        assertMessage("invalid manifest: field layers is missing",
                bytes("{\"schemaVersion\":2,\"config\":" + Images.descriptorJson(config) + "}"));
        String badLayer = "{\"schemaVersion\":2,\"config\":" + Images.descriptorJson(config)
                + ",\"layers\":[{\"mediaType\":\"a/b\",\"size\":1,\"digest\":\"sha256:xyz\"}]}";
        assertMessage("invalid manifest: field layers[0]: invalid digest \"sha256:xyz\"", bytes(badLayer));
        String badSize = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"size\":\"1\",\"digest\":\""
                + config.digest() + "\"},\"layers\":[]}";
        assertMessage("invalid manifest: field config.size must be an integer", bytes(badSize));
    }

    @Test
    void declaredAndGivenMediaTypesMustAgree() {
        byte[] docker = Images.imageManifest(MediaTypes.DOCKER_MANIFEST, config, List.of()).payload();
        InvalidManifestException e = assertThrows(InvalidManifestException.class,
                () -> Manifest.of(MediaTypes.OCI_MANIFEST, docker));
        assertTrue(e.getMessage().contains("field mediaType is \"" + MediaTypes.DOCKER_MANIFEST + "\""), e.getMessage());
    }

    @Test
    void unsupportedMediaTypeIsRefused() {
        InvalidMediaTypeException e = assertThrows(InvalidMediaTypeException.class,
                () -> Manifest.of("application/vnd.docker.distribution.manifest.v1+prettyjws", bytes("{}")));
        assertTrue(e.getMessage().contains("expected one of"), e.getMessage());
        InvalidManifestException p = assertThrows(InvalidManifestException.class,
                () -> Manifest.parse(bytes("{\"schemaVersion\":2,\"mediaType\":\"text/plain\"}")));
        assertTrue(p.getMessage().contains("\"text/plain\" is not one of"), p.getMessage());
    }

    private static void assertMessage(String prefix, byte[] payload) {
        InvalidManifestException e = assertThrows(InvalidManifestException.class,
                () -> Manifest.of(MediaTypes.OCI_MANIFEST, payload));
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertEquals(ErrorCode.MANIFEST_INVALID, e.code());
    }
}
