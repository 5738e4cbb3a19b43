package dev.regnotify.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.RepositoryService;
import dev.regnotify.registry.StorageException;
import dev.regnotify.registry.TagService;

/**
 * A registry storage in a directory, laid out like distribution's: one content-addressed store of blobs shared by
 * every repository, and per repository small link files. A blob pushed to ten repositories is stored once.
 *
 * <p>Nothing half-written is ever visible: content and links are written to temporary files, forced to disk and
 * renamed into place, so a reader, or the process after a crash, sees a blob whole or not at all. Uploads live in
 * their own folder and survive a restart: {@link BlobStore#resume} continues them by id. Deleting a blob or a
 * repository removes links; content stays for a garbage collection pass, as in distribution.
 *
 * <p>Thread-safe within one process. One storage per directory: the directory is locked (a {@code lock} file the OS
 * releases when the process ends, however it ends) until {@link #close}, so a second process, or a second storage
 * in this one, is refused with a clear error rather than corrupting links.
 *
 * @since 0.1
 */
public class FilesystemStorage implements RegistryStorage {

    final FilesystemLayout layout;
    // Guards links, so that a manifest's reference check and its link, or a tag scan and a delete, are atomic.
    // Content is written outside it: a blob's bytes never change once in place.
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    private final ManifestService manifests;
    private final BlobStore blobs;
    private final TagService tags;
    private final RepositoryService repositoryService;
    private final FileChannel hold;

    /**
     * @param root the directory to keep everything in; created if missing
     * @throws StorageException if the directory cannot be created, or another storage holds it
     */
    public FilesystemStorage(Path root) {
        this.layout = new FilesystemLayout(root.toAbsolutePath());
        io("create storage directories under " + root, () -> {
            Files.createDirectories(layout.blobs());
            Files.createDirectories(layout.uploads());
            Files.createDirectories(layout.repositories());
            return null;
        });
        this.hold = io("lock the storage directory " + root, () -> lock(layout.root()));
        this.manifests = new FsManifests(this);
        this.blobs = new FsBlobs(this);
        this.tags = new FsTags(this);
        this.repositoryService = new FsRepositories(this);
    }

    /** @return the directory everything is kept in */
    public Path root() {
        return layout.root();
    }

    @Override
    public ManifestService manifests() {
        return manifests;
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public TagService tags() {
        return tags;
    }

    @Override
    public RepositoryService repositories() {
        return repositoryService;
    }

    private static FileChannel lock(Path root) throws IOException {
        FileChannel channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() == null) {
                channel.close();
                throw new StorageException("another process uses the storage in " + root
                        + "; one process per directory", null);
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new StorageException("a storage in this process uses " + root + " already; one per directory",
                    e);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Lets the directory go: another storage may open it. */
    @Override
    public void close() {
        io("release the storage directory " + layout.root(), () -> {
            hold.close();
            return null;
        });
    }

    /** An I/O step, whose failure becomes a {@link StorageException} naming what was being done. */
    interface IoAction<T> {
        T run() throws IOException;
    }

    static <T> T io(String what, IoAction<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new StorageException("cannot " + what, e);
        }
    }

    <T> T read(String what, IoAction<T> action) {
        lock.readLock().lock();
        try {
            return io(what, action);
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(String what, IoAction<T> action) {
        lock.writeLock().lock();
        try {
            return io(what, action);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Under a lock: the repository's blob link as a descriptor, or null if it has none. */
    Descriptor blobLink(RepositoryName repository, Digest digest) throws IOException {
        String mediaType = AtomicFiles.readOrNull(layout.blobLink(repository, digest));
        return mediaType == null ? null : new Descriptor(mediaType, Files.size(layout.content(digest)), digest);
    }

    /** Under the write lock: links a blob into a repository. */
    void linkBlob(RepositoryName repository, Descriptor descriptor) throws IOException {
        AtomicFiles.write(layout.blobLink(repository, descriptor.digest()),
                descriptor.mediaType().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Moves a complete, forced file into the content store. If concurrent writers store the same content, the
     * last rename wins and the bytes are the same: one copy stays.
     */
    void storeContent(Path complete, Digest digest) throws IOException {
        AtomicFiles.moveIntoPlace(complete, layout.content(digest));
    }

    /** Under the write lock: whether the repository holds any link. */
    boolean exists(RepositoryName repository) {
        Path dir = layout.repository(repository);
        return Files.isDirectory(dir.resolve(FilesystemLayout.LAYERS))
                || Files.isDirectory(dir.resolve(FilesystemLayout.MANIFESTS));
    }

    /** Under the write lock: removes a link's folder and the folders it leaves empty. */
    void unlink(Path link) throws IOException {
        AtomicFiles.deleteTree(link.getParent());
        AtomicFiles.pruneEmpty(link.getParent().getParent(), layout.repositories());
    }
}
