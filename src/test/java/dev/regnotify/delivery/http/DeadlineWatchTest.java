package dev.regnotify.delivery.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An attempt ending and the watchdog expiring it race: exactly one wins, and the attempt knows which. Had the attempt
 * been told it ended in time while its expiry ran after all, the expiry would close a connection given back for the
 * next attempt. The watchdog's side is run here on a thread of the test's, paused where it took the watch.
 */
class DeadlineWatchTest {

    private static final long FAR = TimeUnit.HOURS.toNanos(1);

    private final Deadlines deadlines = new Deadlines(Executors.defaultThreadFactory());

    @AfterEach
    void close() {
        deadlines.close();
    }

    @Test
    void anAttemptEndingWhileTheWatchdogTakesItKnowsItExpired() throws Exception {
        AtomicInteger expiries = new AtomicInteger();
        Deadlines.Watch watch = deadlines.watch(System.nanoTime() + FAR, expiries::incrementAndGet);
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch attemptEnded = new CountDownLatch(1);
        Thread watchdog = new Thread(() -> watch.expire(() -> {
            taken.countDown();
            try {
                attemptEnded.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), "test-watchdog");
        watchdog.start();
        assertTrue(taken.await(10, TimeUnit.SECONDS), "the watchdog took the watch");

        watch.done();
        boolean expired = watch.expired();
        attemptEnded.countDown();
        watchdog.join(TimeUnit.SECONDS.toMillis(10));

        assertFalse(watchdog.isAlive());
        assertEquals(1, expiries.get(), "the watchdog, which took the watch first, ran the expiry");
        assertTrue(expired, "the attempt was told it ended in time, yet its expiry ran");
    }

    @Test
    void aWatchDoneBeforeTheWatchdogTakesItNeverExpires() {
        AtomicInteger expiries = new AtomicInteger();
        Deadlines.Watch watch = deadlines.watch(System.nanoTime() + FAR, expiries::incrementAndGet);
        watch.done();
        watch.expire(() -> { });
        assertFalse(watch.expired());
        assertEquals(0, expiries.get());
    }
}
