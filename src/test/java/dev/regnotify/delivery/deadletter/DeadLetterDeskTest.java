package dev.regnotify.delivery.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.events.DeliveryEvent;
import dev.regnotify.delivery.events.DeliveryExhausted;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Notifications;

/** The desk's rules alone: what keeping a letter does, and when a replay's turn comes. */
class DeadLetterDeskTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    private final EndpointCounters counters = new EndpointCounters("hook", URI.create("http://127.0.0.1:9/"));
    private final List<DeliveryEvent> told = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    // events taken from the queue so far, and still in it: what a replay asked for now waits behind
    private final AtomicLong backlog = new AtomicLong();

    private DeadLetterDesk desk(long capacity) {
        return new DeadLetterDesk("hook", new DeadLetterStore("hook", capacity, null), capacity, counters,
                backlog::get, told::add, dropped::addAndGet, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static DeadLetter letter(int from, int to) {
        return new DeadLetter(0, "hook", IntStream.range(from, to).mapToObj(Notifications::numbered)
                .toList(), 3, NOW, NOW, "the receiver answered 500 Internal Server Error");
    }

    @Test
    void aKeptLetterGetsAnIdIsCountedAndTold() {
        DeadLetterDesk desk = desk(100);
        desk.keep(letter(0, 2));
        desk.keep(letter(2, 5));
        assertEquals(List.of(1L, 2L), desk.store().list().stream().map(DeadLetter::id).toList());
        assertEquals(5, counters.deadLettered());
        DeliveryExhausted second = (DeliveryExhausted) told.get(1);
        assertEquals(2, second.deadLetter());
        assertEquals(Notifications.ids(2, 5), second.eventIds());
        assertEquals(3, second.attempts());
    }

    @Test
    void whatAFullStorePushesOutIsCountedAsDropped() {
        DeadLetterDesk desk = desk(4);
        desk.keep(letter(0, 3));
        desk.keep(letter(3, 6));
        assertEquals(3, dropped.get(), "the oldest letter's events");
        assertEquals(List.of(2L), desk.store().list().stream().map(DeadLetter::id).toList());
    }

    @Test
    void aReplayWaitsBehindWhatWasQueuedWhenItWasAskedForUnlessTheQueueIsIdle() {
        DeadLetterDesk desk = desk(100);
        desk.keep(letter(0, 1));
        backlog.set(10);
        assertTrue(desk.replay(1));
        assertNull(desk.nextReplay(9, false), "nine events taken: the tenth was queued before the replay");
        assertEquals(1, desk.nextReplay(10, false).id());

        desk.keep(letter(1, 2));
        backlog.set(50);
        assertTrue(desk.replay(2));
        assertEquals(2, desk.nextReplay(11, true).id(), "an idle queue has nothing the letter must wait for");
    }

    @Test
    void aLetterIsReplayedOnceAtATimeAndLeavesOnlyWhenDelivered() {
        DeadLetterDesk desk = desk(100);
        desk.keep(letter(0, 1));
        assertTrue(desk.replay(1));
        assertFalse(desk.replay(1), "asked for already");
        assertEquals(1, desk.replaying());
        DeadLetter sent = desk.nextReplay(0, true);
        desk.replayed(sent.id(), false);
        assertEquals(1, desk.store().count(), "not delivered: it stays");
        assertEquals(0, desk.replaying());
        assertTrue(desk.replay(1), "and may be asked for again");
        desk.replayed(desk.nextReplay(0, true).id(), true);
        assertEquals(0, desk.store().count(), "delivered: it leaves");
        assertFalse(desk.replay(1), "no such letter any more");
    }

    @Test
    void aLetterPurgedWhileWaitingIsNeverHandedOut() {
        DeadLetterDesk desk = desk(100);
        desk.keep(letter(0, 1));
        desk.keep(letter(1, 2));
        assertEquals(2, desk.replay(letter -> true));
        desk.store().remove(1);
        assertTrue(desk.purged(1));
        assertEquals(2, desk.nextReplay(0, true).id());
        assertEquals(1, desk.replaying(), "the purged one is no longer outstanding");
    }

    /** Files that keep letters in a list, or refuse every write. */
    private static final class ListFiles implements DeadLetterFiles {
        final List<DeadLetter> saved = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public List<DeadLetter> load() {
            return List.of();
        }

        @Override
        public void save(DeadLetter letter) throws IOException {
            if (failing) {
                throw new IOException("Input/output error");
            }
            saved.add(letter);
        }

        @Override
        public void delete(long id) {
            saved.removeIf(letter -> letter.id() == id);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void eventsTheQueueGaveUpBecomeALetterOfNoAttemptWithTheReason() {
        ListFiles files = new ListFiles();
        DeadLetterDesk desk = new DeadLetterDesk("hook", new DeadLetterStore("hook", 100, files), 100, counters,
                backlog::get, told::add, dropped::addAndGet, Clock.fixed(NOW, ZoneOffset.UTC));
        assertTrue(desk.keepOverrun(List.of(Notifications.numbered(7)), "was 900 bytes behind"));
        assertEquals(1, files.saved.size());
        DeadLetter kept = desk.store().list().get(0);
        assertEquals(0, kept.attempts());
        assertEquals("was 900 bytes behind", kept.lastError());
        assertEquals(NOW, kept.firstAttempt());
        assertEquals(List.of(Notifications.id(7)), kept.eventIds());
    }

    @Test
    void eventsThatCannotBeKeptWhereARestartFindsThemAreRefusedAndLeaveNoLetter() {
        ListFiles files = new ListFiles();
        files.failing = true;
        DeadLetterDesk desk = new DeadLetterDesk("hook", new DeadLetterStore("hook", 100, files), 100, counters,
                backlog::get, told::add, dropped::addAndGet, Clock.fixed(NOW, ZoneOffset.UTC));
        try (LogCapture log = LogCapture.start()) {
            assertFalse(desk.keepOverrun(List.of(Notifications.numbered(7)), "was 900 bytes behind"),
                    "the queue must keep them");
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("RN-339")), log.lines()::toString);
        }
        assertEquals(0, desk.store().count());
        assertEquals(0, counters.deadLettered());
        assertEquals(List.of(), told);
        assertFalse(desk(100).keepOverrun(List.of(Notifications.numbered(8)), "no files"),
                "without files nothing survives a restart either");
    }
}
