package dev.regnotify.cdi;

import java.nio.ByteBuffer;

import dev.regnotify.registry.BlobWriter;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;

/** A storage's upload writer that fires {@code BlobPushed} when its commit succeeds, and nothing otherwise. */
final class ListenedBlobWriter implements BlobWriter {

    private final BlobWriter delegate;
    private final RegistryEventEmitter emitter;

    ListenedBlobWriter(BlobWriter delegate, RegistryEventEmitter emitter) {
        this.delegate = delegate;
        this.emitter = emitter;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public RepositoryName repository() {
        return delegate.repository();
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public void write(ByteBuffer chunk) {
        delegate.write(chunk);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        delegate.write(bytes, offset, length);
    }

    @Override
    public Descriptor commit(Descriptor provisional) {
        Descriptor committed = delegate.commit(provisional);
        emitter.blobPushed(delegate.repository(), committed);
        return committed;
    }

    @Override
    public Descriptor commit(String mediaType, Digest digest) {
        Descriptor committed = delegate.commit(mediaType, digest);
        emitter.blobPushed(delegate.repository(), committed);
        return committed;
    }

    @Override
    public void cancel() {
        delegate.cancel();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
