package dev.regnotify.events;

import dev.regnotify.registry.Digest;

/**
 * An event about a blob: {@link BlobPushed}, {@link BlobPulled}, {@link BlobMounted} or {@link BlobDeleted}.
 *
 * @since 0.1
 */
public sealed interface BlobEvent extends RegistryEvent permits BlobPushed, BlobPulled, BlobMounted, BlobDeleted {

    /** @return the blob's digest */
    Digest digest();
}
