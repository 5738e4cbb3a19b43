package dev.regnotify.events;

import static dev.regnotify.testing.Images.bytes;
import static dev.regnotify.testing.Images.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.weld.junit5.EnableWeld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.BlobUnknownException;
import dev.regnotify.registry.BlobWriter;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.DigestMismatchException;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestBlobUnknownException;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.ManifestUnknownException;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.RepositoryService;
import dev.regnotify.registry.RepositoryUnknownException;
import dev.regnotify.registry.Tag;
import dev.regnotify.registry.TagService;
import dev.regnotify.registry.TagUnknownException;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.Recorder;

/**
 * DESIGN.md section 2, method by method: the right event, exactly once, every field right; nothing on failure. Each
 * reference storage runs it as a {@code @Listened} bean.
 */
@EnableWeld
abstract class ListenedEventsContract {

    static final RepositoryName APP = RepositoryName.of("demo/app");
    static final RepositoryName OTHER = RepositoryName.of("demo/other");
    static final Tag V1 = Tag.of("v1");
    static final EventContext CONTEXT = EventContext.of(
            new RequestRecord("req-1", "10.0.0.1:5555", "registry.local", "PUT", "test/1.0"), new ActorRecord("alice"));

    @Inject
    ManifestService manifests;
    @Inject
    BlobStore blobs;
    @Inject
    TagService tags;
    @Inject
    RepositoryService repositories;
    @Inject
    Recorder recorder;

    final byte[] configBytes = bytes("{\"os\":\"linux\"}");
    final byte[] layerBytes = bytes("a layer");
    Instant before;

    @BeforeEach
    void start() {
        before = Instant.now();
    }

    /** Pushes a config and a layer, then forgets their events. */
    Manifest prepareImage(RepositoryName repo) {
        Descriptor config = blobs.put(repo, MediaTypes.OCI_CONFIG, configBytes);
        Descriptor layer = blobs.put(repo, MediaTypes.OCI_LAYER_GZIP, layerBytes);
        recorder.clear();
        return Images.ociManifest(config, layer);
    }

    <T extends RegistryEvent> T only(Class<T> type) {
        List<RegistryEvent> events = recorder.events();
        assertEquals(1, events.size(), () -> "expected one " + type.getSimpleName() + ", got " + events);
        assertTrue(type.isInstance(events.get(0)), () -> "expected " + type.getSimpleName() + ", got " + events);
        T event = type.cast(events.get(0));
        assertMetadata(event, CONTEXT);
        return event;
    }

    void assertMetadata(RegistryEvent event, EventContext context) {
        assertEquals(36, event.id().length(), event.id());
        assertFalse(event.timestamp().isBefore(before), "timestamp " + event.timestamp() + " before " + before);
        assertTrue(Duration.between(event.timestamp(), Instant.now()).toSeconds() < 60);
        assertEquals(context.request(), event.request());
        assertEquals(context.actor(), event.actor());
        assertFalse(event.metadata().source().addr().isEmpty());
        assertFalse(event.metadata().source().instanceID().isEmpty());
    }

    void assertNothingFired() {
        assertEquals(List.of(), recorder.events());
    }

    // --- blobs

    @Test
    void blobPutFiresBlobPushed() {
        Descriptor d = CONTEXT.supply(() -> blobs.put(APP, MediaTypes.OCI_CONFIG, configBytes));
        BlobPushed pushed = only(BlobPushed.class);
        assertEquals(APP, pushed.repository());
        assertEquals(d, pushed.descriptor());
        assertEquals(Action.PUSH, pushed.action());
    }

    @Test
    void uploadCommitFiresBlobPushedOnceAndFailedCommitNothing() {
        Descriptor expected = describe(MediaTypes.OCI_LAYER_GZIP, layerBytes);
        BlobWriter writer = blobs.create(APP);
        writer.write(layerBytes);
        assertThrows(DigestMismatchException.class,
                () -> writer.commit(describe(MediaTypes.OCI_LAYER_GZIP, bytes("b layer"))));
        assertNothingFired();
        CONTEXT.run(() -> writer.commit(expected));
        assertEquals(expected, only(BlobPushed.class).descriptor());
        assertThrows(RuntimeException.class, () -> writer.commit(expected));
        assertEquals(1, recorder.events().size());
    }

    @Test
    void resumedUploadFiresOnCommitWithoutSize() {
        String id;
        try (BlobWriter writer = blobs.create(APP)) {
            writer.write(layerBytes, 0, 3);
            id = writer.id();
        }
        try (BlobWriter resumed = blobs.resume(APP, id)) {
            resumed.write(layerBytes, 3, layerBytes.length - 3);
            CONTEXT.run(() -> resumed.commit(MediaTypes.OCTET_STREAM, Digest.of(layerBytes)));
        }
        assertEquals(describe(MediaTypes.OCTET_STREAM, layerBytes), only(BlobPushed.class).descriptor());
    }

    @Test
    void blobGetAndOpenFireBlobPulledWithTheStatDescriptor() throws Exception {
        Descriptor d = blobs.put(APP, MediaTypes.OCI_LAYER_GZIP, layerBytes);
        recorder.clear();
        CONTEXT.supply(() -> blobs.get(APP, d.digest()));
        BlobPulled pulled = only(BlobPulled.class);
        assertEquals(d, pulled.descriptor());
        assertEquals(Action.PULL, pulled.action());
        recorder.clear();
        try (InputStream in = CONTEXT.call(() -> blobs.open(APP, d.digest()))) {
            assertEquals(layerBytes.length, in.readAllBytes().length);
        }
        assertEquals(d, only(BlobPulled.class).descriptor());
    }

    @Test
    void statFiresNothing() {
        Descriptor d = blobs.put(APP, MediaTypes.OCI_LAYER_GZIP, layerBytes);
        recorder.clear();
        blobs.stat(APP, d.digest());
        assertNothingFired();
    }

    @Test
    void mountFiresBlobMountedWithTheSource() {
        Descriptor d = blobs.put(APP, MediaTypes.OCI_LAYER_GZIP, layerBytes);
        recorder.clear();
        CONTEXT.supply(() -> blobs.mount(OTHER, APP, d.digest()));
        BlobMounted mounted = only(BlobMounted.class);
        assertEquals(OTHER, mounted.repository());
        assertEquals(APP, mounted.fromRepository());
        assertEquals(d, mounted.descriptor());
        assertEquals(Action.MOUNT, mounted.action());
    }

    @Test
    void blobDeleteFiresBlobDeleted() {
        Descriptor d = blobs.put(APP, MediaTypes.OCI_LAYER_GZIP, layerBytes);
        recorder.clear();
        CONTEXT.run(() -> blobs.delete(APP, d.digest()));
        BlobDeleted deleted = only(BlobDeleted.class);
        assertEquals(d.digest(), deleted.digest());
        assertEquals(APP, deleted.repository());
        assertEquals(Action.DELETE, deleted.action());
    }

    @Test
    void failedBlobOperationsFireNothingAndThrowUnchanged() {
        Digest missing = Digest.of(bytes("missing"));
        BlobUnknownException e = assertThrows(BlobUnknownException.class, () -> blobs.get(APP, missing));
        assertEquals("blob " + missing + " is not in repository demo/app", e.getMessage());
        assertThrows(BlobUnknownException.class, () -> blobs.open(APP, missing));
        assertThrows(BlobUnknownException.class, () -> blobs.mount(OTHER, APP, missing));
        assertThrows(BlobUnknownException.class, () -> blobs.delete(APP, missing));
        assertThrows(dev.regnotify.registry.InvalidMediaTypeException.class, () -> blobs.put(APP, "x", layerBytes));
        assertNothingFired();
    }

    // --- manifests

    @Test
    void manifestPutFiresManifestPushedWithTagAndReferences() {
        Manifest manifest = prepareImage(APP);
        CONTEXT.supply(() -> manifests.put(APP, manifest, V1));
        ManifestPushed pushed = only(ManifestPushed.class);
        assertEquals(manifest.descriptor(), pushed.descriptor());
        assertEquals(V1, pushed.tag());
        assertEquals(manifest.references(), pushed.references());
        assertEquals(manifest.digest(), pushed.digest());
        assertEquals(Action.PUSH, pushed.action());
    }

    @Test
    void manifestPutByDigestHasNoTag() {
        Manifest manifest = prepareImage(APP);
        CONTEXT.supply(() -> manifests.put(APP, manifest));
        assertNull(only(ManifestPushed.class).tag());
    }

    @Test
    void manifestGetFiresManifestPulledByDigestOrTag() {
        Manifest manifest = prepareImage(APP);
        manifests.put(APP, manifest, V1);
        recorder.clear();
        CONTEXT.supply(() -> manifests.get(APP, manifest.digest()));
        ManifestPulled byDigest = only(ManifestPulled.class);
        assertNull(byDigest.tag());
        assertEquals(manifest.descriptor(), byDigest.descriptor());
        assertEquals(manifest.references(), byDigest.references());
        recorder.clear();
        CONTEXT.supply(() -> manifests.get(APP, V1));
        ManifestPulled byTag = only(ManifestPulled.class);
        assertEquals(V1, byTag.tag());
        assertEquals(Action.PULL, byTag.action());
    }

    @Test
    void existsFiresNothing() {
        Manifest manifest = prepareImage(APP);
        manifests.put(APP, manifest);
        recorder.clear();
        assertTrue(manifests.exists(APP, manifest.digest()));
        assertNothingFired();
    }

    @Test
    void manifestDeleteFiresTagDeletedPerTagThenManifestDeleted() {
        Manifest manifest = prepareImage(APP);
        manifests.put(APP, manifest, V1);
        tags.tag(APP, Tag.of("latest"), manifest.digest());
        recorder.clear();
        CONTEXT.supply(() -> manifests.delete(APP, manifest.digest()));
        List<RegistryEvent> events = recorder.events();
        assertEquals(3, events.size(), events::toString);
        assertEquals(Tag.of("latest"), ((TagDeleted) events.get(0)).tag());
        assertEquals(V1, ((TagDeleted) events.get(1)).tag());
        ManifestDeleted deleted = (ManifestDeleted) events.get(2);
        assertEquals(manifest.digest(), deleted.digest());
        events.forEach(event -> assertMetadata(event, CONTEXT));
        assertEquals(3, events.stream().map(RegistryEvent::id).distinct().count());
    }

    @Test
    void failedManifestOperationsFireNothing() {
        Manifest manifest = prepareImage(OTHER);
        assertThrows(ManifestBlobUnknownException.class, () -> manifests.put(APP, manifest, V1));
        assertThrows(ManifestUnknownException.class, () -> manifests.get(APP, manifest.digest()));
        assertThrows(TagUnknownException.class, () -> manifests.get(APP, V1));
        assertThrows(ManifestUnknownException.class, () -> manifests.delete(APP, manifest.digest()));
        assertNothingFired();
    }

    // --- tags and repositories

    @Test
    void untagFiresTagDeletedAndOtherTagCallsNothing() {
        Manifest manifest = prepareImage(APP);
        manifests.put(APP, manifest);
        recorder.clear();
        tags.tag(APP, V1, manifest.digest());
        tags.get(APP, V1);
        tags.list(APP);
        repositories.catalog(10, null);
        assertNothingFired();
        CONTEXT.run(() -> tags.untag(APP, V1));
        TagDeleted deleted = only(TagDeleted.class);
        assertEquals(V1, deleted.tag());
        assertEquals(APP, deleted.repository());
        assertEquals(Action.DELETE, deleted.action());
        assertThrows(TagUnknownException.class, () -> tags.untag(APP, V1));
        assertEquals(1, recorder.events().size());
    }

    @Test
    void repositoryDeleteFiresRepositoryDeleted() {
        blobs.put(APP, MediaTypes.OCI_CONFIG, configBytes);
        recorder.clear();
        CONTEXT.run(() -> repositories.delete(APP));
        assertEquals(APP, only(RepositoryDeleted.class).repository());
        assertThrows(RepositoryUnknownException.class, () -> repositories.delete(APP));
        assertEquals(1, recorder.events().size());
    }

    @Test
    void eventsWithoutContextCarryEmptyRequestAndAnonymousActor() {
        blobs.put(APP, MediaTypes.OCI_CONFIG, configBytes);
        RegistryEvent event = recorder.events().get(0);
        assertSame(RequestRecord.EMPTY, event.request());
        assertSame(ActorRecord.ANONYMOUS, event.actor());
        assertEquals("", event.request().method());
    }
}
