package dev.regnotify.registry;

/**
 * A tag is not in the repository it was asked of (the registry API reports it as an unknown manifest).
 *
 * @since 0.1
 */
public class TagUnknownException extends RegistryException {

    /**
     * @param repository the repository asked
     * @param tag the tag asked for
     */
    public TagUnknownException(RepositoryName repository, Tag tag) {
        super(ErrorCode.MANIFEST_UNKNOWN, "tag " + tag + " is not in repository " + repository);
    }
}
