package dev.regnotify.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.regnotify.registry.Digest;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.ManifestUnknownException;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.registry.TagUnknownException;

/** The manifests of a {@link FilesystemStorage}: content in the blob store, a revision link per repository. */
final class FsManifests implements ManifestService {

    private final FilesystemStorage storage;
    private final FilesystemLayout layout;

    FsManifests(FilesystemStorage storage) {
        this.storage = storage;
        this.layout = storage.layout;
    }

    @Override
    public boolean exists(RepositoryName repository, Digest digest) {
        return Files.exists(layout.manifestLink(repository, digest));
    }

    @Override
    public Manifest get(RepositoryName repository, Digest digest) {
        return storage.read("read manifest " + digest + " of " + repository, () -> {
            Manifest manifest = load(repository, digest);
            if (manifest == null) {
                throw new ManifestUnknownException(repository, digest);
            }
            return manifest;
        });
    }

    @Override
    public Manifest get(RepositoryName repository, Tag tag) {
        return storage.read("read tag " + tag + " of " + repository, () -> {
            String digest = AtomicFiles.readOrNull(layout.tagLink(repository, tag));
            Manifest manifest = digest == null ? null : load(repository, Digest.parse(digest));
            if (manifest == null) {
                throw new TagUnknownException(repository, tag);
            }
            return manifest;
        });
    }

    @Override
    public Digest put(RepositoryName repository, Manifest manifest) {
        return store(repository, manifest, null);
    }

    @Override
    public Digest put(RepositoryName repository, Manifest manifest, Tag tag) {
        return store(repository, manifest, Objects.requireNonNull(tag, "tag"));
    }

    private Digest store(RepositoryName repository, Manifest manifest, Tag tag) {
        Objects.requireNonNull(repository, "repository");
        Digest digest = manifest.digest();
        String what = "store manifest " + digest + " in " + repository;
        return storage.write(what, () -> {
            References.requirePresent(repository, manifest,
                    d -> Files.exists(layout.blobLink(repository, d)),
                    d -> Files.exists(layout.manifestLink(repository, d)));
            if (!Files.exists(layout.content(digest))) {
                Path temp = AtomicFiles.writeTemp(layout.uploads(), "manifest-", manifest.payload());
                try {
                    storage.storeContent(temp, digest);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            AtomicFiles.write(layout.manifestLink(repository, digest),
                    manifest.mediaType().getBytes(StandardCharsets.UTF_8));
            if (tag != null) {
                AtomicFiles.write(layout.tagLink(repository, tag), digest.toString().getBytes(StandardCharsets.UTF_8));
            }
            return digest;
        });
    }

    @Override
    public List<Tag> delete(RepositoryName repository, Digest digest) {
        return storage.write("delete manifest " + digest + " of " + repository, () -> {
            Path link = layout.manifestLink(repository, digest);
            if (!Files.exists(link)) {
                throw new ManifestUnknownException(repository, digest);
            }
            List<Tag> removed = new ArrayList<>();
            for (Tag tag : FsTags.list(layout, repository)) {
                Path tagLink = layout.tagLink(repository, tag);
                if (digest.toString().equals(AtomicFiles.readOrNull(tagLink))) {
                    storage.unlink(tagLink);
                    removed.add(tag);
                }
            }
            storage.unlink(link);
            return removed;
        });
    }

    /** Under a lock: the manifest, or null if the repository does not hold it. */
    private Manifest load(RepositoryName repository, Digest digest) throws IOException {
        String mediaType = AtomicFiles.readOrNull(layout.manifestLink(repository, digest));
        return mediaType == null ? null : Manifest.of(mediaType, Files.readAllBytes(layout.content(digest)));
    }
}
