package dev.regnotify.storage;

import java.nio.ByteBuffer;

import dev.regnotify.registry.BlobUploadUnknownException;
import dev.regnotify.registry.BlobWriter;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;

/** Writes an in-memory upload; commit verifies and stores it in the {@link InMemoryStorage}. */
final class MemoryBlobWriter implements BlobWriter {

    private final InMemoryStorage storage;
    private final MemoryUpload upload;

    MemoryBlobWriter(InMemoryStorage storage, MemoryUpload upload) {
        this.storage = storage;
        this.upload = upload;
    }

    @Override
    public String id() {
        return upload.id();
    }

    @Override
    public RepositoryName repository() {
        return upload.repository();
    }

    @Override
    public long size() {
        return upload.bytes().size();
    }

    @Override
    public void write(ByteBuffer chunk) {
        requireOpen();
        upload.bytes().append(chunk);
    }

    @Override
    public Descriptor commit(Descriptor provisional) {
        requireOpen();
        byte[] bytes = upload.bytes().toByteArray();
        Descriptor verified = Verification.verify(provisional, bytes.length, Digest.of(bytes));
        storage.uploads.remove(upload.id());
        return storage.store(upload.repository(), verified, bytes);
    }

    @Override
    public Descriptor commit(String mediaType, Digest digest) {
        return commit(new Descriptor(mediaType, size(), digest));
    }

    @Override
    public void cancel() {
        storage.uploads.remove(upload.id());
    }

    @Override
    public void close() {
        // nothing is held beyond the upload itself, which stays for resume
    }

    private void requireOpen() {
        if (storage.uploads.get(upload.id()) != upload) {
            throw new BlobUploadUnknownException(upload.repository(), upload.id());
        }
    }
}
