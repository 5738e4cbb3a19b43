package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The second thread of an endpoint: it sends while the endpoint's thread prepares, and hands back what failed. */
class SendAheadTest {

    private final List<Thread> made = new CopyOnWriteArrayList<>();

    private SendAhead sendAhead() {
        return new SendAhead(task -> {
            Thread thread = new Thread(task, "send-ahead-test");
            made.add(thread);
            return thread;
        });
    }

    @Test
    void theEnvelopeIsSentOnTheSecondThreadWhileTheNextIsPrepared() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch prepared = new CountDownLatch(1);
        AtomicReference<Thread> sender = new AtomicReference<>();
        try (SendAhead ahead = sendAhead()) {
            String next = ahead.overlap(() -> {
                sender.set(Thread.currentThread());
                sending.countDown();
                // the send ends only once the other thread prepared: both ran at once
                assertTrue(prepared.await(10, TimeUnit.SECONDS));
            }, () -> {
                assertTrue(sending.await(10, TimeUnit.SECONDS));
                prepared.countDown();
                return "next envelope";
            });
            assertEquals("next envelope", next);
            assertNotSame(Thread.currentThread(), sender.get());
            assertSame(made.get(0), sender.get());
        }
    }

    @Test
    void aSendGivenUpOnIsThrownToTheEndpointsThread() throws Exception {
        DeliveryAbandonedException abandoned = new DeliveryAbandonedException("endpoint hook closed");
        try (SendAhead ahead = sendAhead()) {
            assertSame(abandoned, assertThrows(DeliveryAbandonedException.class, () -> ahead.overlap(() -> {
                throw abandoned;
            }, () -> "prepared")));
            IllegalStateException defect = new IllegalStateException("a defect");
            assertSame(defect, assertThrows(IllegalStateException.class, () -> ahead.overlap(() -> {
                throw defect;
            }, () -> "prepared")));
        }
    }

    @Test
    void closingEndsTheSecondThread() throws Exception {
        SendAhead ahead = sendAhead();
        ahead.overlap(() -> { }, () -> null);
        ahead.close();
        made.get(0).join(10_000);
        assertTrue(!made.get(0).isAlive());
    }
}
