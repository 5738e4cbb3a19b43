package dev.regnotify.registry;

/**
 * A repository holds nothing: no blob, manifest or tag.
 *
 * @since 0.1
 */
public class RepositoryUnknownException extends RegistryException {

    /**
     * @param repository the repository asked
     */
    public RepositoryUnknownException(RepositoryName repository) {
        super(ErrorCode.NAME_UNKNOWN, "repository " + repository + " is not known");
    }
}
