package dev.regnotify.storage;

import static dev.regnotify.testing.Images.bytes;
import static dev.regnotify.testing.Images.describe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.registry.BlobUnknownException;
import dev.regnotify.registry.BlobWriter;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.StorageException;
import dev.regnotify.testing.Images;

class FilesystemStorageTest extends StorageContract {

    @TempDir
    Path root;

    @Override
    RegistryStorage newStorage() {
        return new FilesystemStorage(root);
    }

    @Override
    int storedCopies(Digest digest) throws Exception {
        try (Stream<Path> files = Files.walk(root.resolve("blobs"))) {
            return (int) files.filter(Files::isRegularFile)
                    .filter(f -> f.getParent().getFileName().toString().equals(digest.hex())).count();
        }
    }

    @Test
    void blobPushedToTenRepositoriesIsStoredOnce() throws Exception {
        for (int i = 0; i < 10; i++) {
            blobs.put(RepositoryName.of("repo" + i), MediaTypes.OCI_LAYER_GZIP, layerBytes);
        }
        assertEquals(1, storedCopies(Digest.of(layerBytes)));
        assertEquals(10, repositories.catalog(100, null).size());
    }

    @Test
    void interruptedUploadLeavesNoBlobAndResumesAfterARestart() {
        Descriptor expected = describe(MediaTypes.OCI_LAYER_GZIP, layerBytes);
        BlobWriter abandoned = blobs.create(APP);
        abandoned.write(layerBytes, 0, 6);
        String id = abandoned.id();
        // the process state is dropped: the writer is neither closed nor committed, a new storage opens the folder
        storage.close();
        try (FilesystemStorage restarted = new FilesystemStorage(root)) {
            assertThrows(BlobUnknownException.class, () -> restarted.blobs().stat(APP, expected.digest()));
            try (BlobWriter resumed = restarted.blobs().resume(APP, id)) {
                assertEquals(6, resumed.size());
                resumed.write(layerBytes, 6, layerBytes.length - 6);
                assertEquals(expected, resumed.commit(expected));
            }
            assertArrayEquals(layerBytes, restarted.blobs().get(APP, expected.digest()));
        }
        storage = newStorage();
        assertArrayEquals(layerBytes, storage.blobs().get(APP, expected.digest()));
    }

    @Test
    void aSecondStorageOnTheSameDirectoryIsRefusedUntilTheFirstIsClosed() {
        StorageException refused = assertThrows(StorageException.class, () -> new FilesystemStorage(root));
        assertTrue(refused.getMessage().contains(root.toString()) && refused.getMessage().contains("already"),
                refused.getMessage());
        storage.close();
        new FilesystemStorage(root).close();
        storage = newStorage();
    }

    @Test
    void nothingHalfWrittenIsLeftInTheBlobStore() throws Exception {
        BlobWriter writer = blobs.create(APP);
        writer.write(layerBytes);
        assertEquals(0, storedCopies(Digest.of(layerBytes)));
        try (Stream<Path> files = Files.walk(root.resolve("repositories"))) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        }
        writer.commit(describe(MediaTypes.OCTET_STREAM, layerBytes));
        try (Stream<Path> files = Files.walk(root.resolve("uploads"))) {
            assertEquals(List.of(root.resolve("uploads")), files.toList(), "no upload is left after a commit");
        }
    }

    @Test
    void manifestsSurviveARestart() {
        Descriptor config = blobs.put(APP, MediaTypes.OCI_CONFIG, configBytes);
        var manifest = Images.ociManifest(config);
        manifests.put(APP, manifest, V1);
        storage.close();
        try (FilesystemStorage restarted = new FilesystemStorage(root)) {
            assertArrayEquals(manifest.payload(), restarted.manifests().get(APP, V1).payload());
            assertEquals(List.of(V1), restarted.tags().list(APP));
            assertTrue(Files.isDirectory(restarted.root().resolve("blobs")));
            assertArrayEquals(bytes("{\"architecture\":\"amd64\"}"), restarted.blobs().get(APP, config.digest()));
        }
        storage = newStorage();
    }
}
