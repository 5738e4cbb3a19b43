package dev.regnotify.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.regnotify.events.RegistryEvent;

/**
 * The journal's open cursors, one an endpoint: opens them on their persisted positions, forgets an endpoint's files,
 * and forces or closes them all. Endpoints' threads open and forget; the journal's thread forces; a live view of them
 * ({@link #all}) tells what may be deleted and who lags.
 */
final class JournalCursors {

    private final Map<String, JournalCursor> cursors = new ConcurrentHashMap<>();
    private final Path directory;
    private final Path cursorsDir;
    private final JournalFiles files;

    /**
     * @param directory the journal's directory
     * @param cursorsDir where the positions are kept (made already)
     */
    JournalCursors(Path directory, Path cursorsDir, JournalFiles files) {
        this.directory = directory;
        this.cursorsDir = cursorsDir;
        this.files = files;
    }

    /** @return every open cursor, a live view */
    Collection<JournalCursor> all() {
        return cursors.values();
    }

    /**
     * Opens an endpoint's cursor over the journal, where it left off (never beyond the log's end), and replaces the
     * one it had.
     *
     * @param choice which records it may want, judged through the index; null: it reads every record
     */
    JournalCursor open(Journal journal, String endpoint, Predicate<RegistryEvent> wanted, RecordIndex.Choice choice)
            throws IOException {
        JournalCursor cursor = new JournalCursor(journal, endpoint, CursorFile.open(cursorsDir, endpoint, files,
                journal.end()), wanted, choice);
        JournalCursor previous = cursors.put(endpoint, cursor);
        if (previous != null) {
            previous.closeFiles(); // an endpoint restarted with a new configuration: its old thread has stopped
        }
        return cursor;
    }

    /** Closes an endpoint's cursor, if open, and deletes its position and dead letters. */
    void forget(String endpoint) throws IOException {
        JournalCursor cursor = cursors.remove(endpoint);
        if (cursor != null) {
            cursor.closeFiles();
        }
        ForgottenEndpoint.delete(directory, endpoint, files);
    }

    /** The journal's thread: forces every endpoint's last position. */
    void forcePositions() {
        for (JournalCursor cursor : cursors.values()) {
            cursor.forcePosition();
        }
    }

    /** At close: forces the positions and closes every cursor's files. */
    void closeAll() {
        cursors.values().forEach(JournalCursor::closeFiles);
    }
}
