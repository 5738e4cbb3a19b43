package dev.regnotify.registry;

/**
 * The error codes of the registry HTTP API (OCI Distribution / Docker Registry v2) that a storage failure maps to.
 * Each {@link RegistryException} names one, so an HTTP front can answer in the registry's error format without
 * a table of its own.
 *
 * @since 0.1
 */
public enum ErrorCode {
    /** A blob is not in the repository. */
    BLOB_UNKNOWN,
    /** An upload id is not known. */
    BLOB_UPLOAD_UNKNOWN,
    /** A digest is malformed, or content does not match the digest it was given. */
    DIGEST_INVALID,
    /** A manifest, or the manifest a tag names, is not in the repository. */
    MANIFEST_UNKNOWN,
    /** A manifest payload could not be understood. */
    MANIFEST_INVALID,
    /** A manifest references blobs or manifests that are not in the repository. */
    MANIFEST_BLOB_UNKNOWN,
    /** A repository name does not follow the grammar. */
    NAME_INVALID,
    /** A repository is not known. */
    NAME_UNKNOWN,
    /** A tag does not follow the grammar. */
    TAG_INVALID,
    /** Content does not have the size it was given, or a size is negative. */
    SIZE_INVALID,
    /** The operation or value is not supported (for example a media type that is not one). */
    UNSUPPORTED,
    /** The storage itself failed (an I/O error): nothing the client sent was at fault. */
    UNKNOWN
}
