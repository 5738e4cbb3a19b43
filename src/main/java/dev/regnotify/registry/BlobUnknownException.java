package dev.regnotify.registry;

/**
 * A blob is not linked into the repository it was asked of.
 *
 * @since 0.1
 */
public class BlobUnknownException extends RegistryException {

    /**
     * @param repository the repository asked
     * @param digest the blob asked for
     */
    public BlobUnknownException(RepositoryName repository, Digest digest) {
        super(ErrorCode.BLOB_UNKNOWN, "blob " + digest + " is not in repository " + repository);
    }
}
