package dev.regnotify.subscriptions;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * Keeps subscriptions in one JSON file ({@code {"subscriptions":[...]}}), rewritten whole at each change: written to
 * a temporary file beside it (readable by its owner only: it holds the secrets), forced, moved into place atomically,
 * and the directory forced, so that a process killed at any point leaves the old file or the new one, never a mix.
 * {@code notifications.subscriptions.file}, or {@code subscriptions.json} in the journal's directory.
 *
 * <p>One process owns the file. Changes hold this store's lock; what a failed write leaves is the file as it was. A
 * directory that cannot be forced after the move has the previous file written back, so that a change refused is
 * not found after a restart.
 *
 * @since 0.4
 */
public final class FileSubscriptionStore implements SubscriptionStore {

    /** How the store forces its directory: the seam where tests inject a failed sync. */
    @FunctionalInterface
    interface DirectorySync {

        // Windows cannot open a directory to force it; there a rename is as durable as the platform makes it.
        boolean CAN_SYNC_DIRECTORIES = !System.getProperty("os.name", "").startsWith("Windows");

        /** The platform's: forces the directory through a channel. */
        DirectorySync SYSTEM = dir -> {
            if (CAN_SYNC_DIRECTORIES) {
                try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                    channel.force(true);
                }
            }
        };

        void sync(Path dir) throws IOException;
    }

    private final Path file;
    private final DirectorySync directories;
    private final Map<String, String> documents = new LinkedHashMap<>();

    /**
     * Opens the file, reading what it holds, and deletes what a write cut short left beside it.
     *
     * @param file the file; created at the first change, with its directory
     * @throws SubscriptionStoreException if it cannot be read
     */
    public FileSubscriptionStore(Path file) {
        this(file, DirectorySync.SYSTEM);
    }

    FileSubscriptionStore(Path file, DirectorySync directories) {
        this.file = file.toAbsolutePath();
        this.directories = directories;
        removeLeftovers();
        for (Subscription subscription : read()) {
            documents.put(subscription.name(), subscription.toJson());
        }
    }

    @Override
    public synchronized List<Subscription> load() {
        return read();
    }

    @Override
    public synchronized void put(Subscription subscription) {
        Map<String, String> next = new LinkedHashMap<>(documents);
        next.put(subscription.name(), subscription.toJson());
        write(next);
    }

    @Override
    public synchronized void remove(String name) {
        if (documents.containsKey(name)) {
            Map<String, String> next = new LinkedHashMap<>(documents);
            next.remove(name);
            write(next);
        }
    }

    private List<Subscription> read() {
        if (!Files.exists(file)) {
            return List.of(); // nothing kept yet; its directory is made at the first change (it may not exist yet)
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new SubscriptionStoreException("cannot read the subscriptions in " + file + ": " + e, e);
        }
        List<Subscription> read = new ArrayList<>();
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            for (JsonValue item : reader.readObject().getJsonArray("subscriptions")) {
                read.add(Subscription.fromJson(((JsonObject) item).toString()));
            }
        } catch (JsonException | ClassCastException | NullPointerException | SubscriptionException e) {
            throw new SubscriptionStoreException("the subscriptions in " + file + " cannot be read: " + e.getMessage(),
                    e);
        }
        return read;
    }

    /*
     * What each fault leaves (FileStoreSyncFaultsTest):
     * - the temporary file cannot be made, written or forced, or the move fails: the file as it was; refused.
     * - the directory's sync fails after the move: the file holds the change, which a crash may keep or lose (a failed
     *   sync is never tried again as if it had made it durable). Telling the caller it was kept would break the SPI's
     *   "durable when it returns"; refusing it while the file keeps it would let a restart bring back a change, a
     *   creation with a secret nobody saw, that the caller was told failed. So the subscriptions as they were are
     *   written back the same way, then the change refused.
     * - that restore fails too: refused, saying so. The file may hold the change until the next change, which writes
     *   what this store holds, without it; a restart before that may find it.
     */
    private void write(Map<String, String> next) {
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
            moveIntoPlace(dir, next);
        } catch (IOException e) {
            throw new SubscriptionStoreException("cannot write the subscriptions to " + file + ": " + e, e);
        }
        try {
            directories.sync(dir);
        } catch (IOException e) {
            throw restore(dir, e);
        }
        documents.clear();
        documents.putAll(next);
    }

    private SubscriptionStoreException restore(Path dir, IOException syncFailed) {
        try {
            moveIntoPlace(dir, documents);
            directories.sync(dir);
        } catch (IOException restoreFailed) {
            syncFailed.addSuppressed(restoreFailed);
            return new SubscriptionStoreException("cannot sync " + dir + " after writing the subscriptions to " + file
                    + ", and the subscriptions as they were could not be made durable again, so the file may hold this "
                    + "change until the next one: " + syncFailed, syncFailed);
        }
        return new SubscriptionStoreException("cannot sync " + dir + " after writing the subscriptions to " + file
                + "; the subscriptions as they were are written back: " + syncFailed, syncFailed);
    }

    /** Writes the subscriptions to a temporary file, forces it and moves it onto the file; the caller syncs. */
    private void moveIntoPlace(Path dir, Map<String, String> subscriptions) throws IOException {
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp"); // rw------- where POSIX
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(json(subscriptions));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } finally {
            deleteQuietly(temp);
        }
    }

    private static byte[] json(Map<String, String> subscriptions) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (String document : subscriptions.values()) {
            try (JsonReader reader = Json.createReader(new StringReader(document))) {
                items.add(reader.readObject());
            }
        }
        return Json.createObjectBuilder().add("subscriptions", items).build().toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private void removeLeftovers() {
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + file.getFileName();
        try (Stream<Path> listed = Files.list(dir)) {
            listed.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".tmp"))
                    .forEach(FileSubscriptionStore::deleteQuietly);
        } catch (IOException e) {
            throw new SubscriptionStoreException("cannot list " + dir + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            System.getLogger("dev.regnotify.subscriptions").log(System.Logger.Level.WARNING,
                    "RN-706 a temporary file of the subscriptions could not be deleted: {0}", temp);
        }
    }

    @Override
    public String toString() {
        return "FileSubscriptionStore[" + file + "]";
    }
}
