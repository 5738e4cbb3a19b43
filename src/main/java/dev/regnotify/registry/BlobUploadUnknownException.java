package dev.regnotify.registry;

/**
 * An upload id is not known in the repository (never created, cancelled, committed, or of another repository).
 *
 * @since 0.1
 */
public class BlobUploadUnknownException extends RegistryException {

    /**
     * @param repository the repository asked
     * @param uploadId the upload id asked for
     */
    public BlobUploadUnknownException(RepositoryName repository, String uploadId) {
        super(ErrorCode.BLOB_UPLOAD_UNKNOWN, "upload " + uploadId + " is not known in repository " + repository);
    }
}
