package dev.regnotify.faults;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The kinds of fault the seeded fault run injects; {@code -Dchaos.faults=refuse,stall} picks some. */
enum ChaosFault {
    /** A receiver refuses, for a while, every envelope holding an event of one repository (4xx or 5xx). */
    REFUSE(false),
    /** A receiver refuses everything for a while with 401, 403, 404 or 405: the endpoint, not an event, is wrong. */
    AUTH(false),
    /** A receiver answers 410 Gone until the run heals it; the endpoint is then enabled again. */
    GONE(false),
    /** A receiver answers an accepted envelope twice on its kept-alive connection. */
    TWICE(false),
    /** A receiver answers 200, sends one byte of a promised body and stalls, past the endpoint's timeout. */
    STALL(false),
    /** A receiver sends a response head that never ends. */
    HUGE_HEADERS(false),
    /** Reads of the journal's segments fail (journal only). */
    READ(true),
    /** Writes of the journal's segments fail: short, an I/O error, or an interrupted channel (journal only). */
    WRITE(true),
    /** Forces of the journal's segments fail (journal only). */
    FORCE(true),
    /** The registry process closes its endpoints with a short drain and starts again (on the same journal). */
    RESTART(false),
    /** The registry process is killed with SIGKILL and started again on its journal (the child JVM leg). */
    KILL(false),
    /**
     * A connection to the message broker is cut (both ends reset), a delivering instance's, the forwarding one's, or
     * every one at once (the broker leg).
     */
    BROKER_CUT(false);

    private final boolean needsJournal;

    ChaosFault(boolean needsJournal) {
        this.needsJournal = needsJournal;
    }

    boolean needsJournal() {
        return needsJournal;
    }

    /** @return the kinds named in a comma-separated list ("all", or empty, for every kind) */
    static Set<ChaosFault> parse(String list) {
        if (list == null || list.isBlank() || list.strip().equalsIgnoreCase("all")) {
            return EnumSet.allOf(ChaosFault.class);
        }
        Set<ChaosFault> kinds = EnumSet.noneOf(ChaosFault.class);
        for (String name : list.split(",")) {
            String key = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                kinds.add(valueOf(key));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("chaos.faults: unknown fault kind '" + name.strip()
                        + "'; expected some of " + List.of(values()).toString().toLowerCase(Locale.ROOT), e);
            }
        }
        return kinds;
    }

    /** @return the kinds among these that a run of the in-process leg injects (all but kills and broker cuts) */
    static List<ChaosFault> inProcess(Set<ChaosFault> enabled) {
        List<ChaosFault> kinds = new ArrayList<>(enabled);
        kinds.remove(KILL);
        kinds.remove(BROKER_CUT);
        return kinds;
    }

    /** @return whether a receiver makes this fault (not the journal's files, the process or the broker) */
    boolean byReceiver() {
        return !needsJournal && this != RESTART && this != KILL && this != BROKER_CUT;
    }
}
