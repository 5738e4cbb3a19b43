package dev.regnotify.storage;

import dev.regnotify.registry.RepositoryName;

/** The bytes of an in-memory upload; the writer that holds it at the moment is the only one touching them. */
record MemoryUpload(RepositoryName repository, String id, ChunkBuffer bytes) {

    MemoryUpload(RepositoryName repository, String id) {
        this(repository, id, new ChunkBuffer());
    }
}
