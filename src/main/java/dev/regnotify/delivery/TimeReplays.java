package dev.regnotify.delivery;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.regnotify.events.RegistryEvent;

/**
 * An endpoint's replay by time, one at a time: its events are handed out an envelope's worth at a time to whichever
 * worker asks (the endpoint's thread, or any lane), the next only once the previous one is settled, so that they
 * arrive in order. Workers ask every other envelope ({@link DeliveryLoop}): the replay goes beside live traffic.
 * Thread-safe: operators start it, workers take from it, the closing endpoint ends it.
 */
final class TimeReplays {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private final String endpoint;
    private EventReplay replay;
    private Instant since;
    private boolean inFlight;
    private long sent;
    private boolean closed;

    TimeReplays(String endpoint) {
        this.endpoint = endpoint;
    }

    /** @throws ReplayRefusedException if a replay is under way already */
    synchronized void refuseIfReplaying() {
        if (replay != null) {
            throw new ReplayRefusedException(ReplayRefusedException.Reason.REPLAYING, "endpoint " + endpoint
                    + " is replaying its events since " + since + " already (" + sent + " sent so far); ask again "
                    + "once it is done", null);
        }
    }

    /**
     * @param next the replay to send
     * @param from its time, for the log
     * @return how many bytes of the log it reads: 0 when the endpoint delivered nothing since then
     * @throws ReplayRefusedException if a replay is under way already
     */
    synchronized long start(EventReplay next, Instant from) {
        try {
            refuseIfReplaying();
        } catch (ReplayRefusedException e) {
            next.close();
            throw e;
        }
        if (closed) {
            next.close(); // nobody would send it, and it would hold its segments against retention
            throw new IllegalStateException("endpoint " + endpoint + " is closed: it replays nothing");
        }
        long bytes = next.bytes();
        if (bytes == 0) {
            next.close();
            LOG.log(Level.INFO, "RN-370 endpoint {0}: nothing to replay since {1}: it has delivered nothing since",
                    endpoint, from);
            return 0;
        }
        replay = next;
        since = from;
        sent = 0;
        LOG.log(Level.INFO, "RN-370 endpoint {0} replays its events since {1} ({2} bytes of the journal), beside its "
                + "new events", endpoint, from, Long.toString(bytes));
        return bytes;
    }

    /** @return whether a replay has events to hand out now: a worker does not wait for new events then */
    synchronized boolean ready() {
        return replay != null && !inFlight;
    }

    /**
     * @param max the most events to take
     * @return the next events of the replay, to be settled with {@link #settled}; null if there is no replay, its
     *         envelope in flight is not settled yet, or it just ended
     */
    synchronized List<RegistryEvent> take(int max) {
        if (replay == null || inFlight) {
            return null;
        }
        List<RegistryEvent> events = new ArrayList<>(Math.min(max, 1024));
        try {
            for (RegistryEvent event = replay.next(); event != null; event = events.size() < max ? replay.next()
                    : null) {
                events.add(event);
            }
        } catch (UncheckedIOException e) {
            if (events.isEmpty()) {
                throw e; // a defect for the worker, which pauses and asks again: the replay reads the same place
            }
        }
        if (events.isEmpty()) {
            LOG.log(Level.INFO, "RN-371 endpoint {0} replayed its events since {1}: {2} events", endpoint, since,
                    Long.toString(sent));
            end();
            return null;
        }
        inFlight = true;
        return events;
    }

    /**
     * @param count how many events were taken
     * @param settled whether they were delivered or became a dead letter (false: the endpoint was abandoned)
     */
    synchronized void settled(int count, boolean settled) {
        inFlight = false;
        if (settled) {
            sent += count;
        }
    }

    /** The endpoint closes: a replay under way ends where it is, and none starts any more. */
    synchronized void close() {
        closed = true;
        if (replay != null) {
            LOG.log(Level.WARNING, "RN-371 endpoint {0} closed while replaying its events since {1}: {2} events were "
                    + "sent, the rest were not; ask again to replay them", endpoint, since, Long.toString(sent));
            end();
        }
    }

    private void end() {
        replay.close();
        replay = null;
        inFlight = false;
    }
}
