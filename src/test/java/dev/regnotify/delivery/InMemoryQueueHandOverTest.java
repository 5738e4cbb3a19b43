package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.regnotify.events.RegistryEvent;
import dev.regnotify.testing.Notifications;

/** A queue handed over to the next endpoint's: nothing offered is lost or reordered, even while producers offer. */
class InMemoryQueueHandOverTest {

    @Test
    void theEventsInFlightComeFirstThenTheQueuedThenTheNewOnesWhileAProducerOffersThroughout() throws Exception {
        InMemoryQueue old = new InMemoryQueue(1_000_000);
        AtomicInteger offered = new AtomicInteger();
        List<Boolean> refusals = new ArrayList<>();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 200_000; i++) {
                if (!old.offer(Notifications.numbered(i))) {
                    synchronized (refusals) {
                        refusals.add(true);
                    }
                }
                offered.incrementAndGet();
            }
        });
        producer.start();
        while (offered.get() < 1_000) {
            Thread.onSpinWait();
        }
        List<String> delivered = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            delivered.add(old.poll().id());
        }
        old.acknowledge(7); // three in flight
        old.keepForHandOver();
        old.close(); // as the old endpoint's close does
        InMemoryQueue next = old.handOver(1_000_000);
        producer.join();

        List<String> after = new ArrayList<>();
        for (RegistryEvent event; (event = next.poll()) != null; ) {
            after.add(event.id());
        }
        assertTrue(refusals.isEmpty(), "an offer was refused during the hand-over");
        assertEquals(Notifications.ids(7, 200_000), after, "the three in flight first, then the rest in order");
        assertEquals(200_000 - 7, next.pending());
        assertEquals(null, old.poll(), "nothing stayed behind");
    }

    @Test
    void noOfferIsRefusedWhileAHandOverBegins() throws Exception {
        AtomicReference<InMemoryQueue> current = new AtomicReference<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        // one event offered again and again: the offers come fast enough to meet the hand-over's first steps
        RegistryEvent event = Notifications.numbered(0);
        Thread producer = new Thread(() -> {
            InMemoryQueue offeredTo = null;
            int offered = 0;
            while (!done.get()) {
                InMemoryQueue queue = current.get();
                if (queue != offeredTo) {
                    offeredTo = queue;
                    offered = 0;
                }
                // far below the capacity: a refusal is never the queue's being full
                if (queue == null || offered++ >= 10_000) {
                    Thread.onSpinWait();
                } else if (!queue.offer(event)) {
                    refused.incrementAndGet();
                }
            }
        });
        producer.start();
        try {
            for (int round = 0; round < 20_000 && refused.get() == 0; round++) {
                InMemoryQueue old = new InMemoryQueue(1_000_000);
                old.keepForHandOver();
                old.close(); // the old endpoint closed; the producer finds its queue still
                current.set(old);
                while (old.pending() == 0) {
                    Thread.onSpinWait(); // the producer offers to it now
                }
                old.handOver(1_000_000);
            }
        } finally {
            done.set(true);
            producer.join();
        }
        assertEquals(0, refused.get(), "offers refused by a queue kept for its hand-over");
    }
}
