package dev.regnotify.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes what the journal keeps of an endpoint that no longer exists (a subscription deleted): its position file in
 * {@code cursors/} and its dead letters' directory in {@code deadletters/}, each directory forced after, so that a
 * crash cannot bring a deleted endpoint's position back to a new endpoint of the same name.
 */
final class ForgottenEndpoint {

    private ForgottenEndpoint() {
    }

    /**
     * @param journalDirectory the journal's directory
     * @param endpoint the endpoint's name
     * @param files how directories are forced
     * @throws IOException if a file cannot be deleted or a directory forced: the caller says what is left
     */
    static void delete(Path journalDirectory, String endpoint, JournalFiles files) throws IOException {
        String hex = HexFormat.of().formatHex(endpoint.getBytes(StandardCharsets.UTF_8));
        Path cursors = journalDirectory.resolve("cursors");
        if (Files.deleteIfExists(cursors.resolve(hex + ".pos"))) {
            files.syncDirectory(cursors);
        }
        Path letters = journalDirectory.resolve("deadletters").resolve(hex);
        if (Files.isDirectory(letters)) {
            List<Path> inside;
            try (Stream<Path> listed = Files.list(letters)) {
                inside = listed.toList();
            }
            for (Path file : inside) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(letters);
            files.syncDirectory(letters.getParent());
        }
    }
}
