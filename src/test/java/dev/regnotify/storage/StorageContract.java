package dev.regnotify.storage;

import static dev.regnotify.testing.Images.bytes;
import static dev.regnotify.testing.Images.describe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.BlobUnknownException;
import dev.regnotify.registry.BlobUploadUnknownException;
import dev.regnotify.registry.BlobWriter;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.DigestMismatchException;
import dev.regnotify.registry.InvalidMediaTypeException;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestBlobUnknownException;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.ManifestUnknownException;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.RepositoryService;
import dev.regnotify.registry.RepositoryUnknownException;
import dev.regnotify.registry.SizeMismatchException;
import dev.regnotify.registry.Tag;
import dev.regnotify.registry.TagService;
import dev.regnotify.registry.TagUnknownException;
import dev.regnotify.testing.Images;

/** What every {@link RegistryStorage} must do; each reference storage runs it. */
abstract class StorageContract {

    static final RepositoryName APP = RepositoryName.of("demo/app");
    static final RepositoryName OTHER = RepositoryName.of("demo/other");
    static final Tag V1 = Tag.of("v1");

    RegistryStorage storage;
    ManifestService manifests;
    BlobStore blobs;
    TagService tags;
    RepositoryService repositories;

    final byte[] configBytes = bytes("{\"architecture\":\"amd64\"}");
    final byte[] layerBytes = bytes("layer content");

    abstract RegistryStorage newStorage() throws Exception;

    /** How many copies of the content the storage holds. */
    abstract int storedCopies(Digest digest) throws Exception;

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        storage = newStorage();
        manifests = storage.manifests();
        blobs = storage.blobs();
        tags = storage.tags();
        repositories = storage.repositories();
    }

    // --- blobs

    @Test
    void putBlobThenStatGetAndOpen() throws Exception {
        Descriptor d = blobs.put(APP, MediaTypes.OCI_CONFIG, configBytes);
        assertEquals(describe(MediaTypes.OCI_CONFIG, configBytes), d);
        assertEquals(d, blobs.stat(APP, d.digest()));
        assertArrayEquals(configBytes, blobs.get(APP, d.digest()));
        try (InputStream in = blobs.open(APP, d.digest())) {
            assertArrayEquals(configBytes, in.readAllBytes());
        }
    }

    @Test
    void unknownBlobIsNamed() {
        Digest digest = Digest.of(bytes("nothing"));
        BlobUnknownException e = assertThrows(BlobUnknownException.class, () -> blobs.stat(APP, digest));
        assertEquals("blob " + digest + " is not in repository demo/app", e.getMessage());
        assertThrows(BlobUnknownException.class, () -> blobs.get(APP, digest));
        assertThrows(BlobUnknownException.class, () -> blobs.open(APP, digest));
        assertThrows(BlobUnknownException.class, () -> blobs.delete(APP, digest));
    }

    @Test
    void blobOfOneRepositoryIsUnknownInAnother() {
        Descriptor d = blobs.put(APP, MediaTypes.OCI_CONFIG, configBytes);
        assertThrows(BlobUnknownException.class, () -> blobs.stat(OTHER, d.digest()));
    }

    @Test
    void putRefusesABadMediaType() {
        assertThrows(InvalidMediaTypeException.class, () -> blobs.put(APP, "nonsense", configBytes));
        assertEquals(List.of(), repositories.catalog(10, null));
    }

    @Test
    void writerTakesChunksAndCommitsVerifiedContent() {
        Descriptor expected = describe(MediaTypes.OCI_LAYER_GZIP, layerBytes);
        try (BlobWriter writer = blobs.create(APP)) {
            writer.write(layerBytes, 0, 5);
            assertEquals(5, writer.size());
            writer.write(java.nio.ByteBuffer.wrap(layerBytes, 5, layerBytes.length - 5));
            assertEquals(layerBytes.length, writer.size());
            assertThrows(BlobUnknownException.class, () -> blobs.stat(APP, expected.digest()));
            assertEquals(expected, writer.commit(expected));
        }
        assertArrayEquals(layerBytes, blobs.get(APP, expected.digest()));
    }

    @Test
    void commitWithoutSizeVerifiesTheDigest() {
        Digest digest = Digest.of(layerBytes);
        try (BlobWriter writer = blobs.create(APP)) {
            writer.write(layerBytes);
            assertEquals(new Descriptor(MediaTypes.OCTET_STREAM, layerBytes.length, digest),
                    writer.commit(MediaTypes.OCTET_STREAM, digest));
        }
    }

    @Test
    void commitWithWrongDigestOrSizeStoresNothingAndKeepsTheUpload() {
        BlobWriter writer = blobs.create(APP);
        writer.write(layerBytes);
        Digest wrong = Digest.of(bytes("other"));
        DigestMismatchException digest = assertThrows(DigestMismatchException.class,
                () -> writer.commit(new Descriptor(MediaTypes.OCTET_STREAM, layerBytes.length, wrong)));
        assertEquals("content digest " + Digest.of(layerBytes) + " does not match the expected digest " + wrong,
                digest.getMessage());
        SizeMismatchException size = assertThrows(SizeMismatchException.class,
                () -> writer.commit(new Descriptor(MediaTypes.OCTET_STREAM, 3, Digest.of(layerBytes))));
        assertEquals("content size " + layerBytes.length + " does not match the expected size 3", size.getMessage());
        assertThrows(BlobUnknownException.class, () -> blobs.stat(APP, Digest.of(layerBytes)));
        assertThrows(BlobUnknownException.class, () -> blobs.stat(APP, wrong));
        writer.commit(describe(MediaTypes.OCTET_STREAM, layerBytes));
        assertEquals(layerBytes.length, blobs.stat(APP, Digest.of(layerBytes)).size());
    }

    @Test
    void resumeContinuesAnUploadById() {
        String id;
        try (BlobWriter first = blobs.create(APP)) {
            first.write(layerBytes, 0, 4);
            id = first.id();
        }
        try (BlobWriter second = blobs.resume(APP, id)) {
            assertEquals(4, second.size());
            assertEquals(APP, second.repository());
            second.write(layerBytes, 4, layerBytes.length - 4);
            second.commit(describe(MediaTypes.OCTET_STREAM, layerBytes));
        }
        assertArrayEquals(layerBytes, blobs.get(APP, Digest.of(layerBytes)));
        assertThrows(BlobUploadUnknownException.class, () -> blobs.resume(APP, id));
    }

    @Test
    void resumeRefusesUnknownIdsAndOtherRepositories() {
        String id = blobs.create(APP).id();
        BlobUploadUnknownException e = assertThrows(BlobUploadUnknownException.class, () -> blobs.resume(OTHER, id));
        assertEquals("upload " + id + " is not known in repository demo/other", e.getMessage());
        assertThrows(BlobUploadUnknownException.class, () -> blobs.resume(APP, "../../etc"));
        assertThrows(BlobUploadUnknownException.class,
                () -> blobs.resume(APP, "00000000-0000-0000-0000-000000000000"));
    }

    @Test
    void cancelledUploadIsGone() {
        BlobWriter writer = blobs.create(APP);
        writer.write(layerBytes);
        writer.cancel();
        assertThrows(BlobUploadUnknownException.class, () -> blobs.resume(APP, writer.id()));
        assertThrows(BlobUploadUnknownException.class, () -> writer.write(layerBytes));
    }

    @Test
    void mountLinksWithoutCopying() throws Exception {
        Descriptor d = blobs.put(APP, MediaTypes.OCI_LAYER_GZIP, layerBytes);
        assertEquals(d, blobs.mount(OTHER, APP, d.digest()));
        assertArrayEquals(layerBytes, blobs.get(OTHER, d.digest()));
        assertEquals(1, storedCopies(d.digest()));
        assertThrows(BlobUnknownException.class, () -> blobs.mount(OTHER, RepositoryName.of("nowhere"), d.digest()));
    }

    @Test
    void deleteRemovesTheLinkNotContentAnotherRepositoryLinks() {
        Descriptor d = blobs.put(APP, MediaTypes.OCI_LAYER_GZIP, layerBytes);
        blobs.mount(OTHER, APP, d.digest());
        blobs.delete(APP, d.digest());
        assertThrows(BlobUnknownException.class, () -> blobs.stat(APP, d.digest()));
        assertArrayEquals(layerBytes, blobs.get(OTHER, d.digest()));
    }

    @Test
    void concurrentPushesOfTheSameBlobEndWithOneCopy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Descriptor>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                boolean chunked = i % 2 == 0;
                Callable<Descriptor> push = () -> {
                    start.await();
                    if (!chunked) {
                        return blobs.put(APP, MediaTypes.OCI_LAYER_GZIP, layerBytes);
                    }
                    try (BlobWriter writer = blobs.create(APP)) {
                        writer.write(layerBytes);
                        return writer.commit(describe(MediaTypes.OCI_LAYER_GZIP, layerBytes));
                    }
                };
                results.add(pool.submit(push));
            }
            start.countDown();
            for (Future<Descriptor> result : results) {
                assertEquals(describe(MediaTypes.OCI_LAYER_GZIP, layerBytes), result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, storedCopies(Digest.of(layerBytes)));
        assertArrayEquals(layerBytes, blobs.get(APP, Digest.of(layerBytes)));
    }

    // --- manifests

    private Manifest pushImage(RepositoryName repo) {
        Descriptor config = blobs.put(repo, MediaTypes.OCI_CONFIG, configBytes);
        Descriptor layer = blobs.put(repo, MediaTypes.OCI_LAYER_GZIP, layerBytes);
        return Images.ociManifest(config, layer);
    }

    @Test
    void manifestPutGetByDigestAndTag() {
        Manifest manifest = pushImage(APP);
        assertEquals(manifest.digest(), manifests.put(APP, manifest, V1));
        assertTrue(manifests.exists(APP, manifest.digest()));
        assertFalse(manifests.exists(OTHER, manifest.digest()));
        assertEquals(manifest, manifests.get(APP, manifest.digest()));
        assertArrayEquals(manifest.payload(), manifests.get(APP, V1).payload());
        assertEquals(manifest.descriptor(), tags.get(APP, V1));
    }

    @Test
    void manifestReferencingMissingBlobsIsRefusedNamingEach() {
        Descriptor config = blobs.put(APP, MediaTypes.OCI_CONFIG, configBytes);
        Descriptor missing1 = describe(MediaTypes.OCI_LAYER_GZIP, bytes("missing one"));
        Descriptor missing2 = describe(MediaTypes.OCI_LAYER_GZIP, bytes("missing two"));
        Manifest manifest = Images.ociManifest(config, missing1, missing2);
        ManifestBlobUnknownException e = assertThrows(ManifestBlobUnknownException.class,
                () -> manifests.put(APP, manifest, V1));
        assertEquals(List.of(missing1.digest(), missing2.digest()), e.missing());
        assertTrue(e.getMessage().contains(missing1.digest().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(missing2.digest().toString()), e.getMessage());
        assertFalse(manifests.exists(APP, manifest.digest()));
        assertThrows(TagUnknownException.class, () -> tags.get(APP, V1));
    }

    @Test
    void blobsOfAnotherRepositoryDoNotCount() {
        Manifest manifest = pushImage(OTHER);
        assertThrows(ManifestBlobUnknownException.class, () -> manifests.put(APP, manifest));
    }

    @Test
    void indexNeedsItsManifestsInTheRepository() {
        Manifest image = pushImage(APP);
        Manifest index = Images.ociIndex(image.descriptor());
        ManifestBlobUnknownException e = assertThrows(ManifestBlobUnknownException.class,
                () -> manifests.put(APP, index));
        assertEquals(List.of(image.digest()), e.missing());
        manifests.put(APP, image);
        assertEquals(index.digest(), manifests.put(APP, index));
    }

    @Test
    void foreignLayersNeedNoBlob() {
        Descriptor config = blobs.put(APP, MediaTypes.OCI_CONFIG, configBytes);
        Descriptor foreign = describe("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", bytes("windows"));
        Manifest manifest = Images.imageManifest(MediaTypes.DOCKER_MANIFEST, config, List.of(foreign));
        assertEquals(manifest.digest(), manifests.put(APP, manifest));
    }

    @Test
    void deleteManifestRemovesItsTagsAndReturnsThem() {
        Manifest manifest = pushImage(APP);
        manifests.put(APP, manifest, V1);
        tags.tag(APP, Tag.of("latest"), manifest.digest());
        Manifest other = Images.ociManifest(blobs.stat(APP, Digest.of(configBytes)));
        manifests.put(APP, other, Tag.of("keep"));
        assertEquals(List.of(Tag.of("latest"), V1), manifests.delete(APP, manifest.digest()));
        assertEquals(List.of(Tag.of("keep")), tags.list(APP));
        assertFalse(manifests.exists(APP, manifest.digest()));
        ManifestUnknownException e = assertThrows(ManifestUnknownException.class,
                () -> manifests.delete(APP, manifest.digest()));
        assertEquals("manifest " + manifest.digest() + " is not in repository demo/app", e.getMessage());
        assertEquals(List.of(), manifests.delete(APP, other.digest()).stream().filter(t -> !t.equals(Tag.of("keep"))).toList());
    }

    @Test
    void unknownManifestAndTagAreNamed() {
        Digest digest = Digest.of(bytes("x"));
        assertThrows(ManifestUnknownException.class, () -> manifests.get(APP, digest));
        TagUnknownException e = assertThrows(TagUnknownException.class, () -> manifests.get(APP, V1));
        assertEquals("tag v1 is not in repository demo/app", e.getMessage());
    }

    // --- tags

    @Test
    void tagsPointMoveListAndGo() {
        Manifest first = pushImage(APP);
        manifests.put(APP, first);
        Manifest second = Images.ociManifest(blobs.stat(APP, Digest.of(configBytes)));
        manifests.put(APP, second);
        tags.tag(APP, V1, first.digest());
        tags.tag(APP, Tag.of("a"), first.digest());
        assertEquals(first.descriptor(), tags.get(APP, V1));
        tags.tag(APP, V1, second.digest());
        assertEquals(second.descriptor(), tags.get(APP, V1));
        assertEquals(List.of(Tag.of("a"), V1), tags.list(APP));
        tags.untag(APP, V1);
        assertEquals(List.of(Tag.of("a")), tags.list(APP));
        assertTrue(manifests.exists(APP, second.digest()));
        assertThrows(TagUnknownException.class, () -> tags.untag(APP, V1));
    }

    @Test
    void tagNeedsAManifestAndListNeedsARepository() {
        Digest digest = Digest.of(bytes("x"));
        assertThrows(ManifestUnknownException.class, () -> tags.tag(APP, V1, digest));
        RepositoryUnknownException e = assertThrows(RepositoryUnknownException.class, () -> tags.list(APP));
        assertEquals("repository demo/app is not known", e.getMessage());
        blobs.put(APP, MediaTypes.OCI_CONFIG, configBytes);
        assertEquals(List.of(), tags.list(APP));
    }

    // --- repositories

    @Test
    void catalogPagesInLexicalOrder() {
        for (String name : List.of("b", "a/x", "a", "c/d/e", "a/y")) {
            blobs.put(RepositoryName.of(name), MediaTypes.OCI_CONFIG, configBytes);
        }
        assertEquals(names("a", "a/x", "a/y", "b", "c/d/e"), repositories.catalog(100, null));
        assertEquals(names("a", "a/x"), repositories.catalog(2, null));
        assertEquals(names("a/y", "b"), repositories.catalog(2, RepositoryName.of("a/x")));
        assertEquals(names(), repositories.catalog(2, RepositoryName.of("c/d/e")));
        assertThrows(IllegalArgumentException.class, () -> repositories.catalog(0, null));
    }

    @Test
    void deleteRepositoryRemovesItsContentButNotNestedOnesOrSharedContent() {
        Manifest manifest = pushImage(APP);
        manifests.put(APP, manifest, V1);
        RepositoryName nested = RepositoryName.of("demo/app/nested");
        blobs.mount(nested, APP, Digest.of(layerBytes));
        repositories.delete(APP);
        assertThrows(RepositoryUnknownException.class, () -> tags.list(APP));
        assertFalse(manifests.exists(APP, manifest.digest()));
        assertThrows(BlobUnknownException.class, () -> blobs.stat(APP, Digest.of(layerBytes)));
        assertArrayEquals(layerBytes, blobs.get(nested, Digest.of(layerBytes)));
        assertEquals(List.of(nested), repositories.catalog(10, null));
        assertThrows(RepositoryUnknownException.class, () -> repositories.delete(APP));
    }

    private static List<RepositoryName> names(String... names) {
        return List.of(names).stream().map(RepositoryName::of).toList();
    }
}
