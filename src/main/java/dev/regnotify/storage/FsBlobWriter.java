package dev.regnotify.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

import dev.regnotify.registry.BlobUploadUnknownException;
import dev.regnotify.registry.BlobWriter;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;

/**
 * Writes an upload's data file. The digest is computed from the file at commit, not kept in memory, so an upload
 * resumed after a restart commits exactly like one that never stopped.
 */
final class FsBlobWriter implements BlobWriter {

    private final FilesystemStorage storage;
    private final RepositoryName repository;
    private final String id;
    private final Path dir;
    private final Path data;
    private FileChannel channel;

    FsBlobWriter(FilesystemStorage storage, RepositoryName repository, String id) {
        this.storage = storage;
        this.repository = repository;
        this.id = id;
        this.dir = storage.layout.upload(id);
        this.data = dir.resolve(FsBlobs.UPLOAD_DATA);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public RepositoryName repository() {
        return repository;
    }

    @Override
    public long size() {
        return FilesystemStorage.io("size upload " + id, () -> channel != null ? channel.size() : Files.size(data));
    }

    @Override
    public void write(ByteBuffer chunk) {
        FilesystemStorage.io("write upload " + id, () -> {
            FileChannel open = channel();
            while (chunk.hasRemaining()) {
                open.write(chunk);
            }
            return null;
        });
    }

    @Override
    public Descriptor commit(Descriptor provisional) {
        return FilesystemStorage.io("commit upload " + id + " to " + repository, () -> {
            FileChannel open = channel();
            open.force(true);
            Descriptor verified = Verification.verify(provisional, open.size(), digestOf(data));
            close();
            storage.storeContent(data, verified.digest());
            storage.write("link blob " + verified.digest() + " into " + repository, () -> {
                storage.linkBlob(repository, verified);
                return null;
            });
            AtomicFiles.deleteTree(dir);
            return verified;
        });
    }

    @Override
    public Descriptor commit(String mediaType, Digest digest) {
        return commit(new Descriptor(mediaType, size(), digest));
    }

    @Override
    public void cancel() {
        close();
        FilesystemStorage.io("cancel upload " + id, () -> {
            AtomicFiles.deleteTree(dir);
            return null;
        });
    }

    @Override
    public void close() {
        if (channel != null) {
            FilesystemStorage.io("close upload " + id, () -> {
                channel.close();
                return null;
            });
            channel = null;
        }
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            if (!Files.exists(data)) {
                throw new BlobUploadUnknownException(repository, id);
            }
            channel = FileChannel.open(data, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        return channel;
    }

    private static Digest digestOf(Path file) throws IOException {
        MessageDigest sha = Digest.sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return Digest.fromHash(sha.digest());
    }
}
