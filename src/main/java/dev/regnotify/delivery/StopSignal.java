package dev.regnotify.delivery;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Tells an endpoint's thread to give up: waits between retries end early, and no further attempt is made. */
final class StopSignal {

    private final CountDownLatch abandoned = new CountDownLatch(1);

    void abandon() {
        abandoned.countDown();
    }

    boolean isAbandoned() {
        return abandoned.getCount() == 0;
    }

    /** @return whether the wait ended because delivery was abandoned */
    boolean await(Duration wait) throws InterruptedException {
        return abandoned.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    }
}
