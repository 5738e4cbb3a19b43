package dev.regnotify.journal;

import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * An endpoint's durable position in the journal: written when it moves on, never moved back, forced by the journal's
 * thread. A failed write is logged once until one succeeds again; delivery goes on.
 *
 * <p>The endpoint's thread moves it, under its cursor's lock; the journal's thread reads {@link #acknowledged()} and
 * forces the file without that lock ({@link CursorFile} allows it).
 */
final class CursorPosition {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.journal");

    private final String endpoint;
    private final CursorFile file;
    private final Runnable moved;
    private volatile long acknowledged;
    // under the cursor's lock
    private boolean positionFailing;

    /**
     * @param moved told each time the position moves: what every cursor passed may go
     */
    CursorPosition(String endpoint, CursorFile file, Runnable moved) {
        this.endpoint = endpoint;
        this.file = file;
        this.moved = moved;
    }

    /** @return the position the file holds */
    long persisted() {
        return file.position();
    }

    /** At the start: records a position at once, before the cursor takes it up. */
    void rewrite(long position) throws IOException {
        file.write(position);
    }

    /** At the start: where the cursor takes up, written already. */
    void startAt(long position) {
        this.acknowledged = position;
    }

    /** @return the position up to which this endpoint has delivered or ignored every event */
    long acknowledged() {
        return acknowledged;
    }

    /** Records a new position; never one before the current (an overrun may have passed events still in flight). */
    void persist(long position) {
        if (position <= acknowledged) {
            return;
        }
        try {
            file.write(position);
            if (positionFailing) {
                positionFailing = false;
                LOG.log(Level.INFO, "RN-324 the journal position of endpoint {0} is recorded again", endpoint);
            }
        } catch (IOException e) {
            if (!positionFailing) {
                positionFailing = true;
                LOG.log(Level.WARNING, "RN-324 the journal position of endpoint " + endpoint + " could not be "
                        + "recorded; delivery goes on, and a restart may send the events since again", e);
            }
        }
        acknowledged = position;
        moved.run();
    }

    /** The journal's sync thread: forces the last position written. */
    void force() {
        try {
            file.force();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "RN-324 the journal position of endpoint " + endpoint + " could not be synced; a "
                    + "machine crash may make it send some events again", e);
        }
    }

    /** Closes the file; the endpoint's thread has stopped. */
    void close() throws IOException {
        file.close();
    }
}
