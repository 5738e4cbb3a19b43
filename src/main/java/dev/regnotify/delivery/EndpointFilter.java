package dev.regnotify.delivery;

import dev.regnotify.config.IgnoreConfig;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.registry.Descriptor;

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
     * @param event a registry event
     * @return whether the endpoint wants its notification
     */
    public boolean accepts(RegistryEvent event) {
        return ignore.isEmpty() || !(ignore.actions().contains(event.action().wireName())
                || ignore.mediaTypes().contains(event.target().map(Descriptor::mediaType).orElse("")));
    }
}
