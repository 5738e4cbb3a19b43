package dev.regnotify.events;

import dev.regnotify.registry.Digest;

/**
 * An event about a manifest: {@link ManifestPushed}, {@link ManifestPulled} or {@link ManifestDeleted}.
 *
 * @since 0.1
 */
public sealed interface ManifestEvent extends RegistryEvent permits ManifestPushed, ManifestPulled, ManifestDeleted {

    /** @return the manifest's digest */
    Digest digest();
}
