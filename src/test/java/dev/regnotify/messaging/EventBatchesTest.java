package dev.regnotify.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.regnotify.events.RegistryEvent;
import dev.regnotify.testing.VariedEvents;

/** How events travel through the broker: batches of records, cut into messages the same way every time. */
class EventBatchesTest {

    private final EventBatches batches = new EventBatches();

    @Test
    void aBatchIsCutWhereALimitWouldBePassedAndItsPiecesHoldItsEventsInOrder() {
        Random random = new Random(28);
        for (int round = 0; round < 200; round++) {
            List<RegistryEvent> events = events(random.nextLong(), random.nextInt(60));
            List<byte[]> records = events.stream().map(batches::encode).toList();
            int maxEvents = 1 + random.nextInt(20);
            int maxBytes = 1 + random.nextInt(4_000);
            List<byte[]> pieces = EventBatches.split(batches.envelope(records), maxEvents, maxBytes);
            List<byte[]> expected = cutOneByOne(records, maxEvents, maxBytes);
            assertEquals(expected.size(), pieces.size(), "round " + round);
            for (int i = 0; i < pieces.size(); i++) {
                assertArrayEquals(expected.get(i), pieces.get(i), "round " + round + ", piece " + i);
            }
            List<RegistryEvent> read = new ArrayList<>();
            pieces.forEach(piece -> read.addAll(EventBatches.decode(piece)));
            assertEquals(events, read, "round " + round);
        }
    }

    @Test
    void everyCutOfABatchIsRefusedAsNotABatch() {
        byte[] batch = batches.envelope(events(7, 3).stream().map(batches::encode).toList());
        for (int length = 0; length < batch.length; length++) {
            byte[] cut = Arrays.copyOf(batch, length);
            assertThrows(IllegalArgumentException.class, () -> EventBatches.decode(cut), "cut at " + length);
            assertThrows(IllegalArgumentException.class, () -> EventBatches.split(cut, 100, 1 << 20),
                    "cut at " + length);
        }
    }

    @Test
    void aCountLargerThanTheBatchIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventBatches.decode(new byte[] {0x7F, 0, 0, 0, 0, 0, 0, 0}));
        assertTrue(e.getMessage().contains("cannot hold"), e.getMessage());
    }

    private static List<RegistryEvent> events(long seed, int count) {
        VariedEvents varied = new VariedEvents(seed);
        List<RegistryEvent> events = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            events.add(varied.event(n));
        }
        return events;
    }

    /** What split must give, the plain way: records added one by one until a limit would be passed. */
    private List<byte[]> cutOneByOne(List<byte[]> records, int maxEvents, int maxBytes) {
        List<byte[]> pieces = new ArrayList<>();
        List<byte[]> piece = new ArrayList<>();
        int bytes = Integer.BYTES;
        for (byte[] record : records) {
            if (!piece.isEmpty() && (piece.size() == maxEvents || bytes + Integer.BYTES + record.length > maxBytes)) {
                pieces.add(batches.envelope(piece));
                piece = new ArrayList<>();
                bytes = Integer.BYTES;
            }
            piece.add(record);
            bytes += Integer.BYTES + record.length;
        }
        if (!piece.isEmpty()) {
            pieces.add(batches.envelope(piece));
        }
        return pieces;
    }
}
