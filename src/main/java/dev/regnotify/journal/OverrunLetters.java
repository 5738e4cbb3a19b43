package dev.regnotify.journal;

import java.util.ArrayList;
import java.util.List;

import dev.regnotify.delivery.NotificationQueue.Overrun;
import dev.regnotify.events.RegistryEvent;

/**
 * The events a cursor's overrun takes, handed to the endpoint's keeper in letters of at most {@value #LETTER} as they
 * are read, and at the end of each segment, so that the cursor passes a segment only once all its events were kept
 * where a restart finds them. One overrun, one thread.
 */
final class OverrunLetters {

    // events per dead letter: a segment holds hundreds of thousands
    static final int LETTER = 1000;

    private final Overrun keeper;
    private final String reason;
    private List<RegistryEvent> letter = new ArrayList<>();
    // events of the segments passed, whose letters were all kept
    private int passed;
    // events read from the segment being read
    private int reading;
    private boolean failed;
    private int inFlight;

    OverrunLetters(Overrun keeper, String reason) {
        this.keeper = keeper;
        this.reason = reason;
    }

    void add(RegistryEvent event) {
        letter.add(event);
        reading++;
        if (letter.size() == LETTER) {
            keep();
        }
    }

    /** The segment being read is not passed: what of it was not kept yet stays in the journal only. */
    void forgetSegment() {
        letter = new ArrayList<>();
        reading = 0;
    }

    /**
     * @return whether every letter of the segment just read was kept: then it may be passed (if not, what of it was
     *         kept already is both a letter and in the journal, and may arrive twice)
     */
    boolean keepSegment() {
        keep();
        if (failed) {
            forgetSegment();
            return false;
        }
        passed += reading;
        reading = 0;
        return true;
    }

    /** @param count events of a passed segment that the endpoint holds in flight: it counts them off itself */
    void inFlight(int count) {
        inFlight += count;
    }

    /** @return events of the segments passed */
    int passed() {
        return passed;
    }

    /** @return how many of those the endpoint holds in flight */
    int inFlight() {
        return inFlight;
    }

    private void keep() {
        if (!letter.isEmpty() && !failed) {
            failed = !keeper.keep(letter, reason);
            letter = new ArrayList<>();
        }
    }
}
