package dev.regnotify.events;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Says that an invalid trace header was ignored ({@code RN-206}): the first at once, then at most one line a minute
 * with how many were ignored since, so that a client sending bad headers on every request cannot flood the log.
 * Thread-safe.
 */
final class InvalidTraceLog {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.events");
    private static final long INTERVAL = TimeUnit.MINUTES.toNanos(1);
    private static final int SHOWN = 80;

    /** The one every lenient parse reports to. */
    static final InvalidTraceLog SHARED = new InvalidTraceLog(System::nanoTime);

    private final LongSupplier nanoClock;
    private final AtomicLong suppressed = new AtomicLong();
    // when the next line may be written, never 0 once one was (the low bit set); 0 before the first
    private final AtomicLong nextLine = new AtomicLong();

    InvalidTraceLog(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** @return whether a line was written for it, rather than counted for the next one */
    boolean ignored(String header, String value, String problem) {
        long now = nanoClock.getAsLong();
        long next = nextLine.get();
        if ((next != 0 && now - next < 0) || !nextLine.compareAndSet(next, (now + INTERVAL) | 1)) {
            suppressed.incrementAndGet();
            return false;
        }
        long others = suppressed.getAndSet(0);
        LOG.log(Level.WARNING, "RN-206 a " + header + " that is not valid W3C Trace Context was ignored (" + problem
                + "): \"" + shown(value) + "\"; " + (header.equals("traceparent") ? "the event carries no trace context"
                : "the event keeps its traceparent without it") + (others == 0 ? "" : "; " + others
                + " more were ignored since the last line"));
        return true;
    }

    /** The value as it can be shown in one line: printable ASCII, and its start only. */
    private static String shown(String value) {
        StringBuilder shown = new StringBuilder(Math.min(value.length(), SHOWN + 3));
        for (int i = 0; i < value.length() && i < SHOWN; i++) {
            char c = value.charAt(i);
            shown.append(c >= 0x20 && c < 0x7f && c != '"' ? c : '?');
        }
        return value.length() > SHOWN ? shown.append("...").toString() : shown.toString();
    }
}
