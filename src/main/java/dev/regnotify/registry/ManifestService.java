package dev.regnotify.registry;

import java.util.List;

/**
 * Stores the manifests of every repository. The repository is an argument, so one application-scoped bean serves
 * them all; implementations are thread-safe.
 *
 * <p>With {@code @Listened}: {@code get} fires {@code ManifestPulled}, {@code put} fires {@code ManifestPushed},
 * {@code delete} fires one {@code TagDeleted} per removed tag then {@code ManifestDeleted}.
 *
 * @since 0.1
 */
public interface ManifestService {

    /**
     * @param repository the repository
     * @param digest the manifest's digest
     * @return whether the repository holds that manifest
     */
    boolean exists(RepositoryName repository, Digest digest);

    /**
     * @param repository the repository
     * @param digest the manifest's digest
     * @return the manifest, with the exact bytes pushed
     * @throws ManifestUnknownException if the repository does not hold it
     */
    Manifest get(RepositoryName repository, Digest digest);

    /**
     * @param repository the repository
     * @param tag the tag
     * @return the manifest the tag points at
     * @throws TagUnknownException if the repository has no such tag
     */
    Manifest get(RepositoryName repository, Tag tag);

    /**
     * Stores a manifest after checking that the repository holds what it references: the config and layer blobs
     * of an image manifest (foreign layers excepted), the manifests of an index.
     *
     * @param repository the repository
     * @param manifest the manifest
     * @return the manifest's digest
     * @throws ManifestBlobUnknownException naming every referenced digest the repository lacks
     */
    Digest put(RepositoryName repository, Manifest manifest);

    /**
     * Stores a manifest, as {@link #put(RepositoryName, Manifest)}, and points the tag at it.
     *
     * @param repository the repository
     * @param manifest the manifest
     * @param tag the tag to point at it (moved if it pointed elsewhere)
     * @return the manifest's digest
     * @throws ManifestBlobUnknownException naming every referenced digest the repository lacks
     */
    Digest put(RepositoryName repository, Manifest manifest, Tag tag);

    /**
     * Removes a manifest and every tag of the repository that points at it.
     *
     * @param repository the repository
     * @param digest the manifest's digest
     * @return the tags removed with it, sorted; empty if none pointed at it
     * @throws ManifestUnknownException if the repository does not hold it
     */
    List<Tag> delete(RepositoryName repository, Digest digest);
}
