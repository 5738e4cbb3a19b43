package dev.regnotify.registry;

/**
 * A manifest is not in the repository it was asked of.
 *
 * @since 0.1
 */
public class ManifestUnknownException extends RegistryException {

    /**
     * @param repository the repository asked
     * @param digest the manifest asked for
     */
    public ManifestUnknownException(RepositoryName repository, Digest digest) {
        super(ErrorCode.MANIFEST_UNKNOWN, "manifest " + digest + " is not in repository " + repository);
    }
}
