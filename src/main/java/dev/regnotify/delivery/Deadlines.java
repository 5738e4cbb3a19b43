package dev.regnotify.delivery;

import java.util.concurrent.ThreadFactory;

/**
 * The watchdog of endpoints' attempts, under its 0.2 name.
 *
 * @since 0.2
 * @deprecated moved to {@link dev.regnotify.delivery.http.Deadlines}; this name is removed in 0.4
 */
@Deprecated(since = "0.3", forRemoval = true)
public final class Deadlines extends dev.regnotify.delivery.http.Deadlines {

    /** @param threads where the watchdog's thread comes from */
    public Deadlines(ThreadFactory threads) {
        super(threads);
    }
}
