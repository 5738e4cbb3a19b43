package dev.regnotify.delivery;

import dev.regnotify.config.IgnoreConfig;
import dev.regnotify.wire.Notification;

/**
 * Drops the notifications an endpoint ignores: those whose target media type, or whose action, is listed. Unlike
 * distribution's, a filter that lists only actions works (distribution skips the filter when no media type is
 * listed).
 *
 * @since 0.1
 */
public final class EndpointFilter {

    private final IgnoreConfig ignore;

    /** @param ignore what to drop */
    public EndpointFilter(IgnoreConfig ignore) {
        this.ignore = ignore;
    }

    /**
     * @param notification a notification
     * @return whether the endpoint wants it
     */
    public boolean accepts(Notification notification) {
        return ignore.isEmpty() || !(ignore.actions().contains(notification.action())
                || ignore.mediaTypes().contains(notification.target().mediaType()));
    }
}
