package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.regnotify.events.RegistryEvent;
import dev.regnotify.testing.Notifications;

class EventRingTest {

    @Test
    void eventsComeOutInOrderThroughGrowingWrappingAndShrinking() {
        EventRing ring = new EventRing(1_000);
        List<String> out = new ArrayList<>();
        int next = 0;
        // fill and half drain in turns, so that the head wraps while the array grows, then drain it all (it shrinks)
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 150; i++) {
                assertTrue(ring.offer(Notifications.numbered(next++)));
            }
            for (int i = 0; i < 70; i++) {
                out.add(ring.poll().id());
            }
        }
        for (RegistryEvent event = ring.poll(); event != null; event = ring.poll()) {
            out.add(event.id());
        }
        assertEquals(Notifications.ids(0, next), out);
        assertTrue(ring.offer(Notifications.numbered(next)), "it takes events again once drained");
        assertEquals(Notifications.id(next), ring.poll().id());
    }

    @Test
    void aFullRingRefusesUntilOneIsTaken() {
        EventRing ring = new EventRing(3);
        for (int i = 0; i < 3; i++) {
            assertTrue(ring.offer(Notifications.numbered(i)));
        }
        assertFalse(ring.offer(Notifications.numbered(3)));
        assertEquals(Notifications.id(0), ring.poll().id());
        assertTrue(ring.offer(Notifications.numbered(3)));
        List<RegistryEvent> drained = new ArrayList<>();
        ring.drainTo(drained);
        assertEquals(Notifications.ids(1, 4), drained.stream().map(RegistryEvent::id).toList());
        assertNull(ring.poll());
    }

    @Test
    void aWaitingPollTakesTheEventOfferedMeanwhile() throws Exception {
        EventRing ring = new EventRing(10);
        CountDownLatch polling = new CountDownLatch(1);
        Thread offerer = new Thread(() -> {
            try {
                polling.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ring.offer(Notifications.numbered(7));
        });
        offerer.start();
        polling.countDown();
        RegistryEvent event = ring.poll(30, TimeUnit.SECONDS);
        offerer.join();
        assertEquals(Notifications.id(7), event.id());
        assertNull(ring.poll(1, TimeUnit.MILLISECONDS), "none came");
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EventRing(0));
    }
}
