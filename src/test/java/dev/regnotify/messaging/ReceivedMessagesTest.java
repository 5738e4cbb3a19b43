package dev.regnotify.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.regnotify.events.RegistryEvent;
import dev.regnotify.testing.Notifications;

/** Messages acknowledged only once all their events are, oldest first; a lost connection makes the rest stale. */
class ReceivedMessagesTest {

    private final ReceivedMessages<String> received = new ReceivedMessages<>();
    private final List<String> acknowledged = new ArrayList<>();
    private final ReceivedMessages.Acknowledger<String> broker = acknowledged::add;

    @Test
    void aMessageIsAcknowledgedOnceEveryOneOfItsEventsIs() {
        assertNull(received.add("m1", events(3), broker));
        assertNull(received.add("m2", events(2), broker));
        handOut(5);

        assertNull(received.acknowledge(2, broker));
        assertEquals(List.of(), acknowledged);
        assertNull(received.acknowledge(1, broker));
        assertEquals(List.of("m1"), acknowledged);
        assertEquals(2, received.pending());
        assertNull(received.acknowledge(2, broker));
        assertEquals(List.of("m1", "m2"), acknowledged);
        assertEquals(0, received.pending());
        assertTrue(received.settled());
    }

    @Test
    void oneCountCanCoverSeveralMessagesInOrder() {
        received.add("m1", events(2), broker);
        received.add("m2", events(1), broker);
        received.add("m3", events(4), broker);
        handOut(7);

        assertNull(received.acknowledge(6, broker));
        assertEquals(List.of("m1", "m2"), acknowledged);
        assertNull(received.acknowledge(1, broker));
        assertEquals(List.of("m1", "m2", "m3"), acknowledged);
    }

    @Test
    void aMessageWithoutEventsWaitsBehindAnOlderOneInFlight() {
        received.add("m1", events(2), broker);
        assertNull(received.add("empty", events(0), broker));
        assertEquals(List.of(), acknowledged, "acknowledging it alone would be fine, but not before m1 with others");
        handOut(2);
        received.acknowledge(2, broker);
        assertEquals(List.of("m1", "empty"), acknowledged);

        assertNull(received.add("alone", events(0), broker));
        assertEquals(List.of("m1", "empty", "alone"), acknowledged);
    }

    @Test
    void whatComesInIsHandedOutInOrder() {
        List<RegistryEvent> first = events(2);
        List<RegistryEvent> second = events(1);
        received.add("m1", first, broker);
        received.add("m2", second, broker);

        assertSame(first.get(0), received.next());
        assertSame(first.get(1), received.next());
        assertSame(second.get(0), received.next());
        assertFalse(received.hasNext());
        assertNull(received.next());
    }

    @Test
    void afterALossTheEventsNotHandedOutAreDroppedAndTheOthersAcknowledgementsSkipped() {
        received.add("m1", events(3), broker);
        received.add("m2", events(2), broker);
        handOut(2); // two of m1's in flight; m1's third and m2 not handed out

        received.lost();
        assertFalse(received.hasNext());
        assertTrue(received.settled());
        assertEquals(2, received.pending(), "the two in flight are still to be acknowledged by the endpoint");

        received.add("m1 again", events(3), broker); // the broker sends it all again on a new connection
        handOut(3);
        assertNull(received.acknowledge(2, broker));
        assertEquals(List.of(), acknowledged, "the stale ones are skipped, not counted against the new message");
        assertNull(received.acknowledge(3, broker));
        assertEquals(List.of("m1 again"), acknowledged);
        assertEquals(0, received.pending());

        received.lost();
        assertEquals(0, received.pending(), "a second loss with nothing received changes nothing");
    }

    @Test
    void aFailedAcknowledgementLosesTheRestWhichTurnsStale() {
        IOException refused = new IOException("refused");
        ReceivedMessages.Acknowledger<String> failing = message -> {
            if (message.equals("m1")) {
                throw refused;
            }
            acknowledged.add(message);
        };
        received.add("m1", events(1), failing);
        received.add("m2", events(1), failing);
        received.add("m3", events(1), failing);
        handOut(2);

        assertSame(refused, received.acknowledge(2, failing));
        assertEquals(List.of(), acknowledged, "m2 goes back to the broker with m1: it is redelivered, not lost");
        assertFalse(received.hasNext(), "m3, not handed out, is dropped: the broker sends it again");
        assertTrue(received.settled());
        assertEquals(0, received.pending());
    }

    private void handOut(int count) {
        for (int i = 0; i < count; i++) {
            assertTrue(received.hasNext());
            received.next();
        }
    }

    private static List<RegistryEvent> events(int count) {
        return IntStream.range(0, count).mapToObj(i -> Notifications.numbered(i)).toList();
    }
}
