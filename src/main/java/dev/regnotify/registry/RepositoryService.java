package dev.regnotify.registry;

import java.util.List;

/**
 * The repositories themselves. A repository exists while it holds a blob link, a manifest or a tag.
 * Implementations are thread-safe.
 *
 * <p>With {@code @Listened}: {@code delete} fires {@code RepositoryDeleted}.
 *
 * @since 0.1
 */
public interface RepositoryService {

    /**
     * Lists repositories in lexical order, a page at a time (the registry API's {@code _catalog}).
     *
     * @param max the most names to return, one or more
     * @param after the name to start after, or {@code null} to start at the first
     * @return up to {@code max} names, sorted
     */
    List<RepositoryName> catalog(int max, RepositoryName after);

    /**
     * Removes a repository: its blob links, manifests and tags. Content other repositories link stays.
     *
     * @param repository the repository
     * @throws RepositoryUnknownException if the repository holds nothing
     */
    void delete(RepositoryName repository);
}
