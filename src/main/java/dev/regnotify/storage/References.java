package dev.regnotify.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestBlobUnknownException;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;

/** The check every storage makes before it accepts a manifest: does the repository hold what it references? */
final class References {

    private References() {
    }

    /**
     * @throws ManifestBlobUnknownException naming every referenced digest the repository lacks
     */
    static void requirePresent(RepositoryName repository, Manifest manifest, Predicate<Digest> hasBlob,
            Predicate<Digest> hasManifest) {
        Predicate<Digest> has = manifest.kind() == Manifest.Kind.INDEX ? hasManifest : hasBlob;
        List<Digest> missing = new ArrayList<>();
        for (Descriptor reference : manifest.references()) {
            if (!MediaTypes.isForeignLayer(reference.mediaType()) && !has.test(reference.digest())
                    && !missing.contains(reference.digest())) {
                missing.add(reference.digest());
            }
        }
        if (!missing.isEmpty()) {
            throw new ManifestBlobUnknownException(repository, manifest.digest(), missing);
        }
    }
}
