package dev.regnotify.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * File operations that never leave a half-written file visible: content is written to a temporary file beside its
 * target, forced to disk, then renamed into place; the directory is forced so the rename survives a crash.
 */
final class AtomicFiles {

    // Windows cannot open a directory to force it; there the rename is as durable as the platform makes it.
    private static final boolean CAN_SYNC_DIRECTORIES = !System.getProperty("os.name", "").startsWith("Windows");

    private AtomicFiles() {
    }

    /** Writes a small file (a link) atomically. */
    static void write(Path target, byte[] content) throws IOException {
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = writeTemp(dir, "." + target.getFileName(), content);
        try {
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** @return a new temporary file in {@code dir} holding the content, forced to disk; the caller moves it */
    static Path writeTemp(Path dir, String prefix, byte[] content) throws IOException {
        Path temp = Files.createTempFile(dir, prefix, ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /** Renames a complete, forced file onto its target, replacing an existing one. */
    static void moveIntoPlace(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.getParent());
    }

    static void syncDirectory(Path dir) throws IOException {
        if (CAN_SYNC_DIRECTORIES) {
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }

    /** @return the file's content as UTF-8, or null if it does not exist */
    static String readOrNull(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Deletes a tree if it exists. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes {@code dir} and its parents while they are empty, stopping below {@code stop}. */
    static void pruneEmpty(Path dir, Path stop) throws IOException {
        for (Path current = dir; current != null && current.startsWith(stop) && !current.equals(stop);
                current = current.getParent()) {
            try {
                if (!Files.deleteIfExists(current)) {
                    continue;
                }
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }
}
