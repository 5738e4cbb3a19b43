package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs events dropped because the journal is full: the first at once, then at most one line every ten seconds with
 * the count since the last line, so that a full journal neither floods the log nor goes unseen.
 */
final class DropReport {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");
    private static final long EVERY_NANOS = 10_000_000_000L;

    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong nextReport = new AtomicLong(Long.MIN_VALUE);

    void dropped(Journal journal) {
        unreported.incrementAndGet();
        long now = System.nanoTime();
        long due = nextReport.get();
        if ((due == Long.MIN_VALUE || now - due >= 0) && nextReport.compareAndSet(due, now + EVERY_NANOS)) {
            long reported = unreported.getAndSet(0);
            LOG.log(Level.WARNING, "RN-322 the journal is full ({0} of {1} bytes): {2} notifications dropped since "
                    + "the last report; the registry operations succeeded", LogNumbers.plain(journal == null ? 0
                    : journal.retainedBytes()), LogNumbers.plain(journal == null ? 0 : journal.config().maxBytes()),
                    LogNumbers.plain(reported));
        }
    }
}
