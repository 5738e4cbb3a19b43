package dev.regnotify.console;

import java.util.Locale;

/**
 * What an endpoint is doing, as the console shows it.
 *
 * @since 0.3
 */
public enum DeliveryState {
    /** It has events to send and its last attempt did not fail. */
    DELIVERING,
    /** It has events to send and waits after a failed attempt. */
    BACKING_OFF,
    /** It sends nothing until an operator enables it (after a 410 Gone, or when disabled by hand). */
    DISABLED,
    /** Nothing to send. */
    IDLE;

    /** @return its name in the API: {@code delivering}, {@code backing-off}, {@code disabled}, {@code idle} */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
