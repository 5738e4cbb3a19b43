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
 * <p>One process owns the file. Changes hold this store's lock; what a failed write leaves is the file as it was.
 *
 * @since 0.4
 */
public final class FileSubscriptionStore implements SubscriptionStore {

    private static final boolean CAN_SYNC_DIRECTORIES = !System.getProperty("os.name", "").startsWith("Windows");

    private final Path file;
    private final Map<String, String> documents = new LinkedHashMap<>();

    /**
     * Opens the file, reading what it holds, and deletes what a write cut short left beside it.
     *
     * @param file the file; created at the first change, with its directory
     * @throws SubscriptionStoreException if it cannot be read
     */
    public FileSubscriptionStore(Path file) {
        this.file = file.toAbsolutePath();
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

    private void write(Map<String, String> next) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (String document : next.values()) {
            try (JsonReader reader = Json.createReader(new StringReader(document))) {
                items.add(reader.readObject());
            }
        }
        byte[] bytes = Json.createObjectBuilder().add("subscriptions", items).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        Path dir = file.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp"); // rw------- where POSIX
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            // a failed force or move is never taken as kept: the change is refused
            throw new SubscriptionStoreException("cannot write the subscriptions to " + file + ": " + e, e);
        } finally {
            deleteQuietly(temp);
        }
        documents.clear();
        documents.putAll(next);
    }

    private static void syncDirectory(Path dir) throws IOException {
        if (CAN_SYNC_DIRECTORIES) {
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
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
