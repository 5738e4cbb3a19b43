package dev.regnotify.storage;

import java.nio.file.Path;

import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;

/**
 * Where a {@link FilesystemStorage} keeps things, after distribution's own layout:
 * <pre>
 * blobs/sha256/ab/abcdef.../data                       content, once for all repositories
 * uploads/&lt;id&gt;/data, uploads/&lt;id&gt;/repository        uploads in progress
 * repositories/&lt;name&gt;/_layers/sha256/&lt;hex&gt;/link          a blob link (holds the media type)
 * repositories/&lt;name&gt;/_manifests/revisions/sha256/&lt;hex&gt;/link   a manifest (holds the media type)
 * repositories/&lt;name&gt;/_manifests/tags/&lt;tag&gt;/link       a tag (holds the manifest digest)
 * </pre>
 * Repository path components cannot start with {@code _}, so a name never collides with the underscore folders.
 */
record FilesystemLayout(Path root, Path blobs, Path uploads, Path repositories) {

    static final String LAYERS = "_layers";
    static final String MANIFESTS = "_manifests";

    FilesystemLayout(Path root) {
        this(root, root.resolve("blobs"), root.resolve("uploads"), root.resolve("repositories"));
    }

    Path content(Digest digest) {
        return blobs.resolve(digest.algorithm()).resolve(digest.hex().substring(0, 2)).resolve(digest.hex())
                .resolve("data");
    }

    Path repository(RepositoryName name) {
        return repositories.resolve(name.value());
    }

    Path blobLink(RepositoryName name, Digest digest) {
        return repository(name).resolve(LAYERS).resolve(digest.algorithm()).resolve(digest.hex()).resolve("link");
    }

    Path manifestLink(RepositoryName name, Digest digest) {
        return repository(name).resolve(MANIFESTS).resolve("revisions").resolve(digest.algorithm())
                .resolve(digest.hex()).resolve("link");
    }

    Path tags(RepositoryName name) {
        return repository(name).resolve(MANIFESTS).resolve("tags");
    }

    Path tagLink(RepositoryName name, Tag tag) {
        return tags(name).resolve(tag.value()).resolve("link");
    }

    Path upload(String id) {
        return uploads.resolve(id);
    }
}
