package dev.regnotify.delivery.deadletter;

import java.io.IOException;
import java.util.List;

import dev.regnotify.delivery.DeadLetter;

/**
 * Where an endpoint's dead letters survive a restart (the journal's directory). {@link DeadLetterStore} keeps them
 * in memory too and calls this on every change.
 *
 * @since 0.2
 */
public interface DeadLetterFiles extends AutoCloseable {

    /**
     * @return the letters kept, any order
     * @throws IOException if they cannot be read
     */
    List<DeadLetter> load() throws IOException;

    /**
     * Writes a letter, on stable storage when this returns.
     *
     * @param letter the letter
     * @throws IOException if it could not be written
     */
    void save(DeadLetter letter) throws IOException;

    /**
     * @param id the letter's id
     * @throws IOException if it could not be deleted
     */
    void delete(long id) throws IOException;

    /**
     * @return the highest id a letter kept here ever had, deleted ones included, so that a restart never gives an id
     *         again (an operator's notes, logs and events name letters by id); 0 if unknown
     * @throws IOException if it cannot be read
     * @since 0.3
     */
    default long highestId() throws IOException {
        return 0;
    }

    @Override
    void close();
}
