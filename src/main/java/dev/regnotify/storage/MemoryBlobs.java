package dev.regnotify.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.BlobUnknownException;
import dev.regnotify.registry.BlobUploadUnknownException;
import dev.regnotify.registry.BlobWriter;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.storage.InMemoryStorage.Repository;

/** The blobs and uploads of an {@link InMemoryStorage}. */
final class MemoryBlobs implements BlobStore {

    private final InMemoryStorage storage;

    MemoryBlobs(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public Descriptor stat(RepositoryName repository, Digest digest) {
        return storage.read(() -> storage.link(repository, digest));
    }

    @Override
    public byte[] get(RepositoryName repository, Digest digest) {
        return storage.read(() -> {
            storage.link(repository, digest);
            return storage.content.get(digest).clone();
        });
    }

    @Override
    public InputStream open(RepositoryName repository, Digest digest) {
        return new ByteArrayInputStream(get(repository, digest));
    }

    @Override
    public Descriptor put(RepositoryName repository, String mediaType, byte[] content) {
        Objects.requireNonNull(repository, "repository");
        MediaTypes.require(mediaType);
        byte[] copy = content.clone();
        return storage.store(repository, new Descriptor(mediaType, copy.length, Digest.of(copy)), copy);
    }

    @Override
    public BlobWriter create(RepositoryName repository) {
        MemoryUpload upload = new MemoryUpload(Objects.requireNonNull(repository, "repository"), UploadIds.next());
        storage.uploads.put(upload.id(), upload);
        return new MemoryBlobWriter(storage, upload);
    }

    @Override
    public BlobWriter resume(RepositoryName repository, String uploadId) {
        MemoryUpload upload = storage.uploads.get(UploadIds.require(repository, uploadId));
        if (upload == null || !upload.repository().equals(repository)) {
            throw new BlobUploadUnknownException(repository, uploadId);
        }
        return new MemoryBlobWriter(storage, upload);
    }

    @Override
    public Descriptor mount(RepositoryName repository, RepositoryName from, Digest digest) {
        Objects.requireNonNull(repository, "repository");
        return storage.write(() -> {
            Descriptor descriptor = storage.link(from, digest);
            storage.repository(repository).blobs.put(digest, descriptor);
            return descriptor;
        });
    }

    @Override
    public void delete(RepositoryName repository, Digest digest) {
        storage.write(() -> {
            Repository repo = storage.find(repository);
            if (repo == null || repo.blobs.remove(Objects.requireNonNull(digest, "digest")) == null) {
                throw new BlobUnknownException(repository, digest);
            }
            storage.dropIfEmpty(repository, repo);
            storage.dropIfUnlinked(digest);
            return null;
        });
    }
}
