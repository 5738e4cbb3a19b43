package dev.regnotify.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.ManifestUnknownException;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.RepositoryUnknownException;
import dev.regnotify.registry.Tag;
import dev.regnotify.registry.TagService;
import dev.regnotify.registry.TagUnknownException;

/** The tags of a {@link FilesystemStorage}: a link file per tag holding the manifest digest. */
final class FsTags implements TagService {

    private final FilesystemStorage storage;
    private final FilesystemLayout layout;

    FsTags(FilesystemStorage storage) {
        this.storage = storage;
        this.layout = storage.layout;
    }

    @Override
    public Descriptor get(RepositoryName repository, Tag tag) {
        return storage.read("read tag " + tag + " of " + repository, () -> {
            String digest = AtomicFiles.readOrNull(layout.tagLink(repository, Objects.requireNonNull(tag, "tag")));
            if (digest == null) {
                throw new TagUnknownException(repository, tag);
            }
            Digest manifest = Digest.parse(digest);
            String mediaType = Files.readString(layout.manifestLink(repository, manifest));
            return new Descriptor(mediaType, Files.size(layout.content(manifest)), manifest);
        });
    }

    @Override
    public void tag(RepositoryName repository, Tag tag, Digest manifest) {
        Objects.requireNonNull(tag, "tag");
        storage.write("tag " + manifest + " as " + tag + " in " + repository, () -> {
            if (!Files.exists(layout.manifestLink(repository, Objects.requireNonNull(manifest, "manifest")))) {
                throw new ManifestUnknownException(repository, manifest);
            }
            AtomicFiles.write(layout.tagLink(repository, tag), manifest.toString().getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    @Override
    public List<Tag> list(RepositoryName repository) {
        return storage.read("list tags of " + repository, () -> {
            if (!storage.exists(repository)) {
                throw new RepositoryUnknownException(repository);
            }
            return list(layout, repository);
        });
    }

    @Override
    public void untag(RepositoryName repository, Tag tag) {
        storage.write("untag " + tag + " in " + repository, () -> {
            Path link = layout.tagLink(repository, Objects.requireNonNull(tag, "tag"));
            if (!Files.exists(link)) {
                throw new TagUnknownException(repository, tag);
            }
            storage.unlink(link);
            return null;
        });
    }

    /** Under a lock: the repository's tags, sorted. */
    static List<Tag> list(FilesystemLayout layout, RepositoryName repository) throws IOException {
        Path dir = layout.tags(repository);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(child -> Files.exists(child.resolve("link")))
                    .map(child -> Tag.of(child.getFileName().toString())).sorted().toList();
        }
    }
}
