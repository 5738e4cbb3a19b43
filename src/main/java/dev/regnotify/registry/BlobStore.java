package dev.regnotify.registry;

import java.io.InputStream;

/**
 * Stores the blobs (configs and layers) of every repository. A blob is content addressed: a repository holds a
 * link to content that several repositories may share. Implementations are thread-safe.
 *
 * <p>With {@code @Listened}: {@code get} and {@code open} fire {@code BlobPulled}, {@code put} fires
 * {@code BlobPushed}, the writers of {@code create} and {@code resume} fire {@code BlobPushed} when their commit
 * succeeds, {@code mount} fires {@code BlobMounted}, {@code delete} fires {@code BlobDeleted}.
 *
 * @since 0.1
 */
public interface BlobStore {

    /**
     * @param repository the repository
     * @param digest the blob's digest
     * @return the blob's descriptor as the repository holds it
     * @throws BlobUnknownException if the repository does not hold it
     */
    Descriptor stat(RepositoryName repository, Digest digest);

    /**
     * Reads a whole blob into memory; use {@link #open} for large ones.
     *
     * @param repository the repository
     * @param digest the blob's digest
     * @return the blob's content
     * @throws BlobUnknownException if the repository does not hold it
     */
    byte[] get(RepositoryName repository, Digest digest);

    /**
     * @param repository the repository
     * @param digest the blob's digest
     * @return a stream of the blob's content, which the caller closes
     * @throws BlobUnknownException if the repository does not hold it
     */
    InputStream open(RepositoryName repository, Digest digest);

    /**
     * Stores a blob given whole.
     *
     * @param repository the repository
     * @param mediaType the blob's media type
     * @param content the content
     * @return the stored blob's descriptor
     * @throws InvalidMediaTypeException if the media type is not {@code type/subtype}
     */
    Descriptor put(RepositoryName repository, String mediaType, byte[] content);

    /**
     * Starts an upload, written in chunks and committed when complete.
     *
     * @param repository the repository
     * @return a writer whose {@link BlobWriter#id()} {@link #resume} accepts
     */
    BlobWriter create(RepositoryName repository);

    /**
     * Continues an upload, after what it already holds.
     *
     * @param repository the repository the upload was created in
     * @param uploadId the writer's id
     * @return a writer positioned at the end of what was written
     * @throws BlobUploadUnknownException if no such upload is open in that repository
     */
    BlobWriter resume(RepositoryName repository, String uploadId);

    /**
     * Links a blob another repository holds into this one, without copying its content.
     *
     * @param repository the repository to link into
     * @param from the repository that holds the blob
     * @param digest the blob's digest
     * @return the blob's descriptor, as the source repository holds it
     * @throws BlobUnknownException if the source repository does not hold it
     */
    Descriptor mount(RepositoryName repository, RepositoryName from, Digest digest);

    /**
     * Removes the repository's link to a blob; content other repositories link stays.
     *
     * @param repository the repository
     * @param digest the blob's digest
     * @throws BlobUnknownException if the repository does not hold it
     */
    void delete(RepositoryName repository, Digest digest);
}
