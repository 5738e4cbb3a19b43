package dev.regnotify.storage;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.BlobUnknownException;
import dev.regnotify.registry.BlobUploadUnknownException;
import dev.regnotify.registry.BlobWriter;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;

/** The blobs and uploads of a {@link FilesystemStorage}. */
final class FsBlobs implements BlobStore {

    static final String UPLOAD_DATA = "data";
    static final String UPLOAD_REPOSITORY = "repository";

    private final FilesystemStorage storage;
    private final FilesystemLayout layout;

    FsBlobs(FilesystemStorage storage) {
        this.storage = storage;
        this.layout = storage.layout;
    }

    @Override
    public Descriptor stat(RepositoryName repository, Digest digest) {
        return storage.read("stat blob " + digest + " of " + repository, () -> require(repository, digest));
    }

    @Override
    public byte[] get(RepositoryName repository, Digest digest) {
        return storage.read("read blob " + digest + " of " + repository, () -> {
            require(repository, digest);
            return Files.readAllBytes(layout.content(digest));
        });
    }

    @Override
    public InputStream open(RepositoryName repository, Digest digest) {
        return storage.read("open blob " + digest + " of " + repository, () -> {
            require(repository, digest);
            return Files.newInputStream(layout.content(digest));
        });
    }

    @Override
    public Descriptor put(RepositoryName repository, String mediaType, byte[] content) {
        Objects.requireNonNull(repository, "repository");
        Descriptor descriptor = new Descriptor(MediaTypes.require(mediaType), content.length, Digest.of(content));
        return FilesystemStorage.io("store blob " + descriptor.digest() + " in " + repository, () -> {
            Path temp = AtomicFiles.writeTemp(layout.uploads(), "blob-", content);
            try {
                storage.storeContent(temp, descriptor.digest());
            } finally {
                Files.deleteIfExists(temp);
            }
            return storage.write("link blob " + descriptor.digest() + " into " + repository, () -> {
                storage.linkBlob(repository, descriptor);
                return descriptor;
            });
        });
    }

    @Override
    public BlobWriter create(RepositoryName repository) {
        Objects.requireNonNull(repository, "repository");
        String id = UploadIds.next();
        Path dir = layout.upload(id);
        FilesystemStorage.io("create upload " + id + " for " + repository, () -> {
            Files.createDirectories(dir);
            Files.createFile(dir.resolve(UPLOAD_DATA));
            // written last: an upload folder without it is a torn create, which resume refuses
            AtomicFiles.write(dir.resolve(UPLOAD_REPOSITORY), repository.value().getBytes(StandardCharsets.UTF_8));
            return null;
        });
        return new FsBlobWriter(storage, repository, id);
    }

    @Override
    public BlobWriter resume(RepositoryName repository, String uploadId) {
        Path dir = layout.upload(UploadIds.require(repository, uploadId));
        String owner = FilesystemStorage.io("read upload " + uploadId,
                () -> AtomicFiles.readOrNull(dir.resolve(UPLOAD_REPOSITORY)));
        if (owner == null || !owner.equals(repository.value()) || !Files.exists(dir.resolve(UPLOAD_DATA))) {
            throw new BlobUploadUnknownException(repository, uploadId);
        }
        return new FsBlobWriter(storage, repository, uploadId);
    }

    @Override
    public Descriptor mount(RepositoryName repository, RepositoryName from, Digest digest) {
        Objects.requireNonNull(repository, "repository");
        return storage.write("mount blob " + digest + " from " + from + " into " + repository, () -> {
            Descriptor descriptor = require(from, digest);
            storage.linkBlob(repository, descriptor);
            return descriptor;
        });
    }

    @Override
    public void delete(RepositoryName repository, Digest digest) {
        storage.write("delete blob " + digest + " of " + repository, () -> {
            require(repository, digest);
            storage.unlink(layout.blobLink(repository, digest));
            return null;
        });
    }

    /** Under a lock. */
    private Descriptor require(RepositoryName repository, Digest digest) throws java.io.IOException {
        Descriptor descriptor = storage.blobLink(Objects.requireNonNull(repository, "repository"),
                Objects.requireNonNull(digest, "digest"));
        if (descriptor == null) {
            throw new BlobUnknownException(repository, digest);
        }
        return descriptor;
    }
}
