package dev.regnotify.registry;

import java.util.List;

/**
 * The tags of every repository: names that point at manifests. Implementations are thread-safe.
 *
 * <p>With {@code @Listened}: {@code untag} fires {@code TagDeleted}.
 *
 * @since 0.1
 */
public interface TagService {

    /**
     * @param repository the repository
     * @param tag the tag
     * @return the descriptor of the manifest the tag points at
     * @throws TagUnknownException if the repository has no such tag
     */
    Descriptor get(RepositoryName repository, Tag tag);

    /**
     * Points a tag at a manifest the repository holds, moving it if it pointed elsewhere.
     *
     * @param repository the repository
     * @param tag the tag
     * @param manifest the manifest's digest
     * @throws ManifestUnknownException if the repository does not hold that manifest
     */
    void tag(RepositoryName repository, Tag tag, Digest manifest);

    /**
     * @param repository the repository
     * @return the repository's tags, sorted
     * @throws RepositoryUnknownException if the repository holds nothing
     */
    List<Tag> list(RepositoryName repository);

    /**
     * Removes a tag; the manifest stays.
     *
     * @param repository the repository
     * @param tag the tag
     * @throws TagUnknownException if the repository has no such tag
     */
    void untag(RepositoryName repository, Tag tag);
}
