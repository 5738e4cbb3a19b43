package dev.regnotify.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, for asynchronous results; never a fixed sleep. */
public final class Polling {

    private static final Duration DEFAULT = Duration.ofSeconds(10);

    private Polling() {
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, DEFAULT, condition);
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
