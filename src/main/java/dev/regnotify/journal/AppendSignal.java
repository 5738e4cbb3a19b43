package dev.regnotify.journal;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Where the endpoints' threads wait at the log's end: woken when records are written, or when the journal closes.
 * Any thread signals; a cursor's own thread waits.
 */
final class AppendSignal {

    private final Object appended = new Object();
    private final LongSupplier end;
    private final BooleanSupplier closed;

    /**
     * @param end where the log's next record will go
     * @param closed whether the journal has closed (no record will come)
     */
    AppendSignal(LongSupplier end, BooleanSupplier closed) {
        this.end = end;
        this.closed = closed;
    }

    /** Records were written, or the journal closed: every waiting reader looks again. */
    void signal() {
        synchronized (appended) {
            appended.notifyAll();
        }
    }

    /** Waits up to {@code nanos} for an append beyond {@code position}. */
    void await(long position, long nanos) throws InterruptedException {
        synchronized (appended) {
            if (end.getAsLong() <= position && !closed.getAsBoolean()) {
                appended.wait(Math.max(1, nanos / 1_000_000), 0);
            }
        }
    }
}
