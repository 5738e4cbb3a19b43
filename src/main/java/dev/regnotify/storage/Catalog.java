package dev.regnotify.storage;

import java.util.List;
import java.util.NavigableSet;

import dev.regnotify.registry.RepositoryName;

/** Pages through sorted repository names as {@code RepositoryService.catalog} describes. */
final class Catalog {

    private Catalog() {
    }

    static List<RepositoryName> page(NavigableSet<RepositoryName> names, int max, RepositoryName after) {
        if (max < 1) {
            throw new IllegalArgumentException("catalog page size must be 1 or more, got " + max);
        }
        NavigableSet<RepositoryName> rest = after == null ? names : names.tailSet(after, false);
        return rest.stream().limit(max).toList();
    }
}
