package dev.regnotify.journal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.deadletter.DeadLetterFiles;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.records.EventRecords;

/**
 * One endpoint's dead letters in the journal's directory, {@code deadletters/<endpoint in hex>/<id>.dl}, one file
 * each: written to a temporary file, forced, renamed into place, the directory forced; so a letter is either whole
 * or absent after a crash. A file whose checksum does not match is set aside as {@code .corrupt} and logged.
 */
final class DeadLetterDirectory implements DeadLetterFiles {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.journal");
    private static final int MAGIC = 0x524E444C; // "RNDL"
    private static final int VERSION = 1;
    private static final String SUFFIX = ".dl";
    private static final String HIGHEST_ID = "highest-id";

    private final Path dir;
    private final String endpoint;
    private final JournalFiles files;

    /**
     * @param journalDirectory the journal's directory, whose {@code deadletters/} holds every endpoint's letters
     * @param endpoint the endpoint's name
     * @param files how files are accessed
     * @return the endpoint's letters' files
     * @throws UncheckedIOException if their directory cannot be made
     */
    static DeadLetterDirectory open(Path journalDirectory, String endpoint, JournalFiles files) {
        try {
            return new DeadLetterDirectory(journalDirectory.resolve("deadletters"), endpoint, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the dead letters of endpoint " + endpoint + ": " + e, e);
        }
    }

    /**
     * @param journalDirectory a journal's directory
     * @return every endpoint's dead letters in it, endpoint by endpoint, oldest first
     * @throws UncheckedIOException if they cannot be read
     */
    static List<DeadLetter> readJournals(Path journalDirectory) {
        try {
            return readAll(journalDirectory.resolve("deadletters"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dead letters in " + journalDirectory + ": " + e, e);
        }
    }

    DeadLetterDirectory(Path deadLettersRoot, String endpoint, JournalFiles files) throws IOException {
        this.dir = deadLettersRoot.resolve(HexFormat.of().formatHex(endpoint.getBytes(StandardCharsets.UTF_8)));
        this.endpoint = endpoint;
        this.files = files;
        if (!Files.isDirectory(deadLettersRoot)) {
            Files.createDirectories(deadLettersRoot);
            files.syncDirectory(deadLettersRoot.getParent());
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            files.syncDirectory(deadLettersRoot);
        }
    }

    @Override
    public List<DeadLetter> load() throws IOException {
        return readDirectory(dir, endpoint, true);
    }

    /**
     * Reads every endpoint's dead letters, for a listing: from outside the process that owns the journal too, so it
     * changes nothing (unfinished writes and unreadable files are left as they are).
     *
     * @param deadLettersRoot the journal's {@code deadletters} directory
     * @return every letter, endpoint by endpoint, oldest first
     * @throws IOException if the directory cannot be read
     */
    static List<DeadLetter> readAll(Path deadLettersRoot) throws IOException {
        List<DeadLetter> letters = new ArrayList<>();
        if (!Files.isDirectory(deadLettersRoot)) {
            return letters;
        }
        List<Path> endpoints = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(deadLettersRoot, Files::isDirectory)) {
            entries.forEach(endpoints::add);
        }
        endpoints.sort(null);
        for (Path endpointDir : endpoints) {
            String endpoint = new String(HexFormat.of().parseHex(endpointDir.getFileName().toString()),
                    StandardCharsets.UTF_8);
            List<DeadLetter> own = readDirectory(endpointDir, endpoint, false);
            own.sort(Comparator.comparingLong(DeadLetter::id));
            letters.addAll(own);
        }
        return letters;
    }

    private static List<DeadLetter> readDirectory(Path dir, String endpoint, boolean owner) throws IOException {
        List<DeadLetter> letters = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path file : entries) {
                String name = file.getFileName().toString();
                if (name.endsWith(".tmp") && owner) {
                    Files.deleteIfExists(file); // a write the process did not finish
                } else if (name.endsWith(SUFFIX)) {
                    DeadLetter letter = readFile(file, endpoint, owner);
                    if (letter != null) {
                        letters.add(letter);
                    }
                }
            }
        }
        return letters;
    }

    private static DeadLetter readFile(Path file, String endpoint, boolean owner) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            if (bytes.length < Long.BYTES) {
                throw new IOException("it is " + bytes.length + " bytes long");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, bytes.length - Long.BYTES);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            in.skipNBytes(bytes.length - Long.BYTES);
            if (in.readLong() != crc.getValue()) {
                throw new IOException("its checksum does not match");
            }
            in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - Long.BYTES));
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException("it is not a dead letter of this version");
            }
            long id = in.readLong();
            int attempts = in.readInt();
            Instant first = Instant.ofEpochSecond(in.readLong(), in.readInt());
            Instant last = Instant.ofEpochSecond(in.readLong(), in.readInt());
            String error = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
            int count = in.readInt();
            List<RegistryEvent> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                events.add(EventRecords.decode(in.readNBytes(in.readInt())));
            }
            return new DeadLetter(id, endpoint, events, attempts, first, last, error);
        } catch (IOException | RuntimeException e) {
            if (!owner) {
                LOG.log(Level.WARNING, "RN-328 a dead letter of endpoint {0} cannot be read: {1} ({2})", endpoint,
                        file, e.getMessage());
                return null;
            }
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.log(Level.ERROR, "RN-328 a dead letter of endpoint {0} cannot be read ({1}); it is set aside as {2}",
                    endpoint, e.getMessage(), aside);
            return null;
        }
    }

    @Override
    public void save(DeadLetter letter) throws IOException {
        byte[] bytes = encode(letter);
        Path target = dir.resolve(letter.id() + SUFFIX);
        Path temp = dir.resolve(letter.id() + ".tmp");
        try (JournalFile file = files.open(temp)) {
            file.truncate(0);
            file.write(0, bytes);
            file.force();
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        files.syncDirectory(dir);
    }

    private static byte[] encode(DeadLetter letter) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(letter.id());
        out.writeInt(letter.attempts());
        out.writeLong(letter.firstAttempt().getEpochSecond());
        out.writeInt(letter.firstAttempt().getNano());
        out.writeLong(letter.lastAttempt().getEpochSecond());
        out.writeInt(letter.lastAttempt().getNano());
        byte[] error = letter.lastError().getBytes(StandardCharsets.UTF_8);
        out.writeInt(error.length);
        out.write(error);
        out.writeInt(letter.events().size());
        for (RegistryEvent event : letter.events()) {
            byte[] record = EventRecords.encode(event);
            out.writeInt(record.length);
            out.write(record);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        return bytes.toByteArray();
    }

    @Override
    public void delete(long id) throws IOException {
        Path letter = dir.resolve(id + SUFFIX);
        if (!Files.exists(letter)) {
            return;
        }
        if (id > highestId()) {
            recordHighestId(id); // before the letter goes: its id must outlive it
        }
        Files.delete(letter);
        files.syncDirectory(dir);
    }

    /** Deleted letters leave their highest id in {@code highest-id}: eight bytes, written aside and renamed. */
    @Override
    public long highestId() throws IOException {
        Path file = dir.resolve(HIGHEST_ID);
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != Long.BYTES) {
            LOG.log(Level.WARNING, "RN-328 {0} of endpoint {1} is not 8 bytes long; ids of deleted dead letters may "
                    + "be given again", file, endpoint);
            return 0;
        }
        return ByteBuffer.wrap(bytes).getLong();
    }

    private void recordHighestId(long id) throws IOException {
        Path temp = dir.resolve(HIGHEST_ID + ".tmp");
        try (JournalFile file = files.open(temp)) {
            file.truncate(0);
            file.write(0, ByteBuffer.allocate(Long.BYTES).putLong(id).array());
            file.force();
        }
        Files.move(temp, dir.resolve(HIGHEST_ID), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        // every write is closed and forced as it is made
    }

    @Override
    public String toString() {
        return "DeadLetterDirectory[" + dir + "]";
    }
}
