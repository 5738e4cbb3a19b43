package dev.regnotify.delivery.attempts;

import static dev.regnotify.delivery.attempts.AttemptFilesTest.attempt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.regnotify.testing.Notifications;

/** The attempt log in memory: a bounded ring, the last success and failure, the rates, and off. */
class AttemptLogTest {

    @Test
    void theRingKeepsTheNewestAttemptsAndFindsAnEventsAttemptsNewestFirst() {
        AttemptLog log = AttemptLog.inMemory("scanner", 3);
        for (int i = 1; i <= 5; i++) {
            log.record(attempt(i, 2, 1, i % 2 == 0 ? Attempt.Next.DELIVERED : Attempt.Next.RETRY, "b" + i));
        }
        assertEquals(List.of(5L, 4L, 3L), log.newest(10, a -> true).stream().map(Attempt::sequence).toList());
        assertEquals(List.of(4L), log.newest(10, Attempt::succeeded).stream().map(Attempt::sequence).toList());
        assertEquals(List.of(5L), log.newest(1, a -> true).stream().map(Attempt::sequence).toList());
        assertEquals(List.of(4L, 3L), log.carrying(Notifications.id(4)).stream().map(Attempt::sequence).toList());
        assertEquals(List.of(), log.carrying(Notifications.id(1)), "out of the ring");
        assertEquals(4, log.lastSuccess().sequence());
        assertEquals(5, log.lastFailure().sequence());
    }

    @Test
    void ratesCountEachSlotAndGiveTheLatencyWithinItsBucket() {
        AttemptLog log = AttemptLog.inMemory("scanner", 10);
        Instant now = Instant.parse("2026-12-03T14:15:00Z");
        for (int i = 0; i < 99; i++) {
            log.record(timed(now.minusSeconds(65), Duration.ofMillis(10), true));
        }
        log.record(timed(now.minusSeconds(65), Duration.ofMillis(900), false));
        log.record(timed(now.minusSeconds(5), Duration.ofMillis(2), false));

        AttemptLog.Series series = log.rates(now, Duration.ofMinutes(15));
        assertEquals(Duration.ofSeconds(10), series.bucket());
        assertEquals(90, series.rates().size());
        assertEquals(now.minus(Duration.ofMinutes(15)).plusSeconds(10), series.from());
        AttemptLog.Rate busy = series.rates().get(82);
        assertEquals(99, busy.successes());
        assertEquals(1, busy.failures());
        assertTrue(busy.p50().toMillis() >= 8 && busy.p50().toMillis() <= 12, busy.p50().toString());
        assertTrue(busy.p99().toMillis() >= 8 && busy.p99().toMillis() <= 12, busy.p99().toString());
        assertEquals(1, series.rates().get(88).failures(), "the last bucket is the slot now is in");
        assertNull(series.rates().get(0).p50());
        AttemptLog.Series day = log.rates(now, Duration.ofHours(24));
        assertEquals(Duration.ofMinutes(20), day.bucket());
        assertEquals(101, day.rates().stream().mapToLong(r -> r.successes() + r.failures()).sum());
    }

    @Test
    void aLogWithNoRoomIsOffAndRecordsNothing() {
        AttemptLog log = AttemptLog.inMemory("scanner", 0);
        log.record(attempt(1, 1, 1, Attempt.Next.RETRY, "b"));
        assertFalse(log.on());
        assertEquals(List.of(), log.newest(10, a -> true));
        assertNull(log.lastFailure());
    }

    private static Attempt timed(Instant start, Duration took, boolean succeeded) {
        return new Attempt("scanner", 0, start, took, 1, List.of(EventSummary.of(Notifications.numbered(1))), 10,
                succeeded ? 200 : 500, "", null, null, succeeded ? Attempt.Next.DELIVERED : Attempt.Next.RETRY, null);
    }
}
