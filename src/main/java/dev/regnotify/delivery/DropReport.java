package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.text.MessageFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Logs events that could not be kept (a full queue, a full journal, a failed write): the first at once, then at
 * most one line every ten seconds with the count since the last line, so that the cause neither floods the log nor
 * goes unseen. Thread-safe and cheap on the caller's thread.
 *
 * @since 0.1
 */
public final class DropReport {

    private static final long EVERY_NANOS = 10_000_000_000L;

    private final System.Logger log;
    private final String pattern;
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong nextReport = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param log where to log
     * @param pattern the message, with a message id; {@code {0}} is the count since the last line, {@code {1}}
     *                the detail
     */
    public DropReport(System.Logger log, String pattern) {
        this.log = log;
        this.pattern = pattern;
    }

    /**
     * Counts one event; logs when a line is due.
     *
     * @param detail what to say of the cause, asked only when a line is logged
     * @param failure the exception behind it, or null
     */
    public void dropped(Supplier<String> detail, Throwable failure) {
        unreported.incrementAndGet();
        long now = System.nanoTime();
        long due = nextReport.get();
        if ((due == Long.MIN_VALUE || now - due >= 0) && nextReport.compareAndSet(due, now + EVERY_NANOS)) {
            String message = MessageFormat.format(pattern, Long.toString(unreported.getAndSet(0)), detail.get());
            log.log(Level.WARNING, message, failure);
        }
    }
}
