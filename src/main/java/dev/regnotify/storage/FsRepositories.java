package dev.regnotify.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.RepositoryService;
import dev.regnotify.registry.RepositoryUnknownException;

/** The repositories of a {@link FilesystemStorage}: folders that hold a {@code _layers} or {@code _manifests}. */
final class FsRepositories implements RepositoryService {

    private final FilesystemStorage storage;
    private final FilesystemLayout layout;

    FsRepositories(FilesystemStorage storage) {
        this.storage = storage;
        this.layout = storage.layout;
    }

    @Override
    public List<RepositoryName> catalog(int max, RepositoryName after) {
        return storage.read("list repositories", () -> {
            TreeSet<RepositoryName> names = new TreeSet<>();
            try (Stream<Path> dirs = Files.walk(layout.repositories())) {
                dirs.filter(dir -> isRepositoryMarker(dir.getFileName().toString()) && Files.isDirectory(dir))
                        .map(dir -> layout.repositories().relativize(dir.getParent()).toString()
                                .replace(dir.getFileSystem().getSeparator(), "/"))
                        .forEach(name -> names.add(RepositoryName.of(name)));
            }
            return Catalog.page(names, max, after);
        });
    }

    @Override
    public void delete(RepositoryName repository) {
        storage.write("delete repository " + repository, () -> {
            if (!storage.exists(repository)) {
                throw new RepositoryUnknownException(repository);
            }
            Path dir = layout.repository(repository);
            // only this repository's own folders: a nested repository (a/b inside a) stays
            AtomicFiles.deleteTree(dir.resolve(FilesystemLayout.LAYERS));
            AtomicFiles.deleteTree(dir.resolve(FilesystemLayout.MANIFESTS));
            AtomicFiles.pruneEmpty(dir, layout.repositories());
            return null;
        });
    }

    private static boolean isRepositoryMarker(String name) {
        return name.equals(FilesystemLayout.LAYERS) || name.equals(FilesystemLayout.MANIFESTS);
    }
}
