package dev.regnotify.registry;

import java.util.List;

/**
 * A manifest references content that is not in the repository: blobs (config, layers) of an image manifest, or
 * manifests of an index. The message names every missing digest.
 *
 * @since 0.1
 */
public class ManifestBlobUnknownException extends RegistryException {

    private final List<Digest> missing;

    /**
     * @param repository the repository the manifest was pushed to
     * @param manifest the digest of the manifest refused
     * @param missing the referenced digests the repository lacks, in the manifest's order
     */
    public ManifestBlobUnknownException(RepositoryName repository, Digest manifest, List<Digest> missing) {
        super(ErrorCode.MANIFEST_BLOB_UNKNOWN, "manifest " + manifest + " references content not in repository "
                + repository + ": " + missing);
        this.missing = List.copyOf(missing);
    }

    /** @return the referenced digests the repository lacks, in the manifest's order */
    public List<Digest> missing() {
        return missing;
    }
}
