package dev.regnotify.registry;

import java.nio.ByteBuffer;

/**
 * An upload in progress: content written in chunks, then committed under the digest the client announces. One
 * thread writes a given upload at a time. Until it is committed, no reader sees any of it.
 *
 * <p>{@link #close()} releases resources and keeps the upload, so that {@link BlobStore#resume} can continue it;
 * {@link #cancel()} discards it.
 *
 * @since 0.1
 */
public interface BlobWriter extends AutoCloseable {

    /** @return the upload's id, which {@link BlobStore#resume} accepts */
    String id();

    /** @return the repository the upload belongs to */
    RepositoryName repository();

    /** @return how many bytes the upload holds so far */
    long size();

    /**
     * Appends a chunk.
     *
     * @param chunk the bytes from its position to its limit; the position ends at the limit
     */
    void write(ByteBuffer chunk);

    /**
     * Appends a chunk.
     *
     * @param bytes the array holding the chunk
     * @param offset where the chunk starts
     * @param length how many bytes it has
     */
    default void write(byte[] bytes, int offset, int length) {
        write(ByteBuffer.wrap(bytes, offset, length));
    }

    /**
     * Appends a chunk.
     *
     * @param bytes the chunk
     */
    default void write(byte[] bytes) {
        write(ByteBuffer.wrap(bytes));
    }

    /**
     * Verifies the content against the provisional descriptor and stores it as a blob of the repository. On a
     * mismatch nothing is stored and the upload stays open, so a client can correct the digest or cancel.
     *
     * @param provisional the media type, size and digest the client announces
     * @return the stored blob's descriptor
     * @throws DigestMismatchException if the content has another digest
     * @throws SizeMismatchException if the content has another size
     */
    Descriptor commit(Descriptor provisional);

    /**
     * Verifies the content against the digest and stores it, when the client announces no size (the registry
     * API's {@code PUT ?digest=}).
     *
     * @param mediaType the blob's media type
     * @param digest the digest the client announces
     * @return the stored blob's descriptor
     * @throws DigestMismatchException if the content has another digest
     */
    Descriptor commit(String mediaType, Digest digest);

    /** Discards the upload; its id is no longer known. */
    void cancel();

    /** Releases resources; the upload stays, to be resumed. */
    @Override
    void close();
}
