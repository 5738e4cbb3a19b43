package dev.regnotify.journal;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.delivery.ReplayRefusedException;

/**
 * Which delivered segments the journal deletes, and when: at once without a retention; with one, once their events
 * are older than it and no replay by time has still to read them, or sooner when {@code maxbytes} needs the room. Also
 * where a replay by time starts.
 */
final class KeptSegments {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.journal");

    private final JournalConfig config;
    private final JournalSegments segments;
    private final Collection<JournalCursor> cursors;
    private final LongSupplier end;
    private final Clock clock;
    private final Set<JournalReplay> replays = ConcurrentHashMap.newKeySet();
    // set once a cursor has moved: by then every cursor is open (they are all opened before any endpoint delivers), so
    // the journal's own thread may delete what they passed; before, it would take a cursor not yet open for one that
    // passed everything, and delete what that endpoint has still to deliver
    private volatile boolean cursorsMoving;

    /**
     * @param cursors the journal's open cursors, a live view
     * @param end where the journal's next record will go
     */
    KeptSegments(JournalConfig config, JournalSegments segments, Collection<JournalCursor> cursors, LongSupplier end,
            Clock clock) {
        this.config = config;
        this.segments = segments;
        this.cursors = cursors;
        this.end = end;
        this.clock = clock;
    }

    /** A cursor moved: deletes what every cursor has passed and retention no longer keeps. */
    void cursorMoved() {
        cursorsMoving = true;
        deletePassed();
    }

    /**
     * An endpoint was forgotten: deletes what every cursor left has passed, once cursors move. Not before: an
     * endpoint may be forgotten at start-up, before the other endpoints' cursors are open.
     */
    void cursorForgotten() {
        if (cursorsMoving) {
            deletePassed();
        }
    }

    /** On the journal's thread: retention ages segments with time, not only as endpoints deliver. */
    void age() {
        if (cursorsMoving) {
            deletePassed();
        }
    }

    private void deletePassed() {
        long passed = passed();
        Duration retention = config.retention();
        if (retention.isZero()) {
            segments.deleteBefore(passed);
            return;
        }
        Instant expiry = clock.instant().minus(retention);
        segments.deleteOldest((base, next) -> next <= passed && next <= replaying() && expired(next, expiry));
    }

    /** @return whether a segment whose successor starts at {@code next} holds only events older than the expiry */
    private boolean expired(long next, Instant expiry) {
        Instant newest = segments.firstTime(next);
        return newest != null && newest.isBefore(expiry);
    }

    /** @return the position every open cursor has passed */
    private long passed() {
        long min = Long.MAX_VALUE;
        for (JournalCursor cursor : cursors) {
            min = Math.min(min, cursor.acknowledged());
        }
        return min;
    }

    /** @return the position before which no replay has anything left to read */
    private long replaying() {
        long min = Long.MAX_VALUE;
        for (JournalReplay replay : replays) {
            min = Math.min(min, replay.position());
        }
        return min;
    }

    /**
     * Deletes segments every endpoint has passed but retention keeps, the oldest first, until the journal holds at
     * most {@code target} bytes: {@code maxbytes} wins over retention, so that kept events never take the room of
     * events not yet delivered. A replay reading them loses them ({@code RN-373}).
     *
     * @return how many segments were deleted
     */
    int makeRoom(long target) {
        if (config.retention().isZero() || !cursorsMoving) {
            return 0;
        }
        long passed = passed();
        long last = end.getAsLong();
        int deleted = segments.deleteOldest((base, next) -> next <= passed && last - base > target);
        if (deleted > 0) {
            Instant oldest = segments.firstTime(segments.oldest());
            LOG.log(Level.WARNING, "RN-372 the journal deleted {0} delivered segments before their retention ended, "
                    + "to make room for new events (maxbytes {1}); a replay by time now reaches back to {2}",
                    Integer.toString(deleted), Long.toString(config.maxBytes()), oldest == null ? "now" : oldest);
        }
        return deleted;
    }

    /**
     * Starts a replay from a time on: finds the segment it starts in, and keeps what it has to read until it ends.
     *
     * @param upTo where the replay ends, the endpoint's position
     * @param replays makes the replay from its start and end positions
     * @throws ReplayRefusedException without retention, or if events after {@code since} were deleted already
     */
    JournalReplay replay(Instant since, long upTo, ReplayFactory replays) {
        if (config.retention().isZero()) {
            throw new ReplayRefusedException(ReplayRefusedException.Reason.NO_RETENTION, "replay by time needs the "
                    + "journal to keep delivered events: notifications.journal.retention is zero, so an event "
                    + "leaves the journal once every endpoint has delivered it", null);
        }
        return segments.whileKept(() -> {
            long oldest = segments.oldest();
            Instant oldestTime = segments.firstTime(oldest);
            if (oldest > 0 && oldestTime != null && since.isBefore(oldestTime)) {
                throw new ReplayRefusedException(ReplayRefusedException.Reason.BEFORE_RETENTION, "the journal "
                        + "keeps events from " + oldestTime + " on (retention " + config.retention() + ", maxbytes "
                        + config.maxBytes() + "); events between " + since + " and then were deleted. Replay since "
                        + oldestTime + " or later", oldestTime);
            }
            long start = oldest;
            for (long base : segments.newestFirst()) {
                Instant first = segments.firstTime(base);
                if (first != null && !first.isAfter(since)) {
                    start = base;
                    break;
                }
            }
            JournalReplay replay = replays.replay(start, Math.max(start, upTo));
            if (replay.bytes() > 0) {
                this.replays.add(replay);
            }
            return replay;
        });
    }

    /** A replay read all it had to: what it kept may go. */
    void replayEnded(JournalReplay replay) {
        replays.remove(replay);
    }

    /** Makes a replay between two positions. */
    @FunctionalInterface
    interface ReplayFactory {
        JournalReplay replay(long start, long end);
    }
}
