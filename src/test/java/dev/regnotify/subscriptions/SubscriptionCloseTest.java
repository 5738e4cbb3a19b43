package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;

/**
 * The close of the subscriptions stops the thread that ends overlaps; a pass of it that waits for the subscriptions'
 * lock (a change under way) must neither hold the close for seconds nor run once the subscriptions are closed.
 */
class SubscriptionCloseTest {

    private final Receiver hooks = Receiver.start();
    private final RecordingStore store = new RecordingStore();
    private final SubscriptionFixture fixture = SubscriptionFixture.inMemory(store);

    @AfterEach
    void stop() {
        fixture.close();
        hooks.close();
    }

    @Test
    void aPassWaitingForTheLockNeitherHoldsTheCloseNorRunsAfterIt() {
        Subscriptions subscriptions = fixture.subscriptions;
        subscriptions.create(SubscriptionFixture.json("rotating", "team-a", hooks.url(), ""));
        subscriptions.rotate("rotating", Duration.ofHours(1)); // the overlaps' thread passes once a second
        int changes = store.changes();
        long took;
        synchronized (subscriptions) { // a change under way
            fixture.clock.advance(Duration.ofHours(2)); // the pass has work once it has the lock
            Polling.await("the overlaps' thread waits for the lock", Duration.ofSeconds(10),
                    () -> waitsFor(subscriptions));
            long start = System.nanoTime();
            subscriptions.close();
            took = System.nanoTime() - start;
        }
        assertTrue(took < Duration.ofSeconds(1).toNanos(), "the close took " + took / 1_000_000 + " ms");
        Polling.await("the overlaps' thread ended", Duration.ofSeconds(10), () -> !waitsFor(subscriptions));
        assertEquals(changes, store.changes(), "nothing changed once closed");
    }

    private static boolean waitsFor(Object lock) {
        ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
        return Arrays.stream(threads).anyMatch(t -> t.getThreadState() == Thread.State.BLOCKED
                && t.getLockInfo() != null && t.getLockInfo().getIdentityHashCode() == System.identityHashCode(lock));
    }
}
