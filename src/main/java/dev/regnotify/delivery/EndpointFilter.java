package dev.regnotify.delivery;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.regnotify.config.FilterConfig;
import dev.regnotify.config.Glob;
import dev.regnotify.config.IgnoreConfig;
import dev.regnotify.events.BlobEvent;
import dev.regnotify.events.ManifestEvent;
import dev.regnotify.events.ManifestPulled;
import dev.regnotify.events.ManifestPushed;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.TagDeleted;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Tag;

/**
 * Decides, before an event is queued, whether an endpoint wants it: the event must match the endpoint's
 * {@code filter} (every criterion given) and not be ignored ({@code ignore}: its target media type or its action
 * listed). Unlike distribution's, an ignore that lists only actions works (distribution skips it when no media type is
 * listed). Journals use the same decision as the cursor's predicate, so a replay sends what the live path would.
 *
 * @since 0.1
 */
public final class EndpointFilter {

    private final IgnoreConfig ignore;
    private final FilterConfig filter;

    /** @param ignore what to drop */
    public EndpointFilter(IgnoreConfig ignore) {
        this(ignore, FilterConfig.ALL);
    }

    /**
     * @param ignore what to drop
     * @param filter what to keep, before {@code ignore} drops
     * @since 0.4
     */
    public EndpointFilter(IgnoreConfig ignore, FilterConfig filter) {
        this.ignore = ignore;
        this.filter = filter;
    }

    /**
     * @param event a registry event
     * @return whether the endpoint wants its notification
     */
    public boolean accepts(RegistryEvent event) {
        return (filter.isAll() || matches(event)) && !ignored(event);
    }

    /**
     * Whether it may accept an event like this one: {@link #accepts} without the {@code tags} criterion, which is
     * decided by the event's repository, its type and its target's media type alone. Every event alike in those three
     * gets the same answer, which lets a journal's index judge its records by one of each ({@link #accepts} is still
     * asked of each record it reads).
     *
     * @param event a registry event
     * @return false if it accepts no event of this repository, type and media type
     * @since 0.4
     */
    public boolean mayAccept(RegistryEvent event) {
        return (filter.isAll() || matchesUntagged(event)) && !ignored(event);
    }

    /**
     * @return the repositories its filter names whole, when only their events can be accepted
     * @since 0.4
     */
    public Optional<Set<String>> repositoryNames() {
        return filter.repositoryNames();
    }

    /**
     * @return whether it accepts every event (no filter, nothing ignored)
     * @since 0.4
     */
    public boolean acceptsAll() {
        return filter.isAll() && ignore.isEmpty();
    }

    @Override
    public String toString() {
        return "EndpointFilter[filter=" + filter + ", ignore=" + ignore + "]";
    }

    private boolean ignored(RegistryEvent event) {
        return !ignore.isEmpty() && (ignore.actions().contains(event.action().wireName())
                || ignore.mediaTypes().contains(event.target().map(Descriptor::mediaType).orElse("")));
    }

    private boolean matches(RegistryEvent event) {
        return matchesUntagged(event)
                && (filter.tags().isEmpty() || tag(event).filter(t -> any(filter.tags(), t.value())).isPresent());
    }

    /** Every criterion but {@code tags}: what the event's repository, type and target media type decide. */
    private boolean matchesUntagged(RegistryEvent event) {
        return (filter.actions().isEmpty() || filter.actions().contains(event.action().wireName()))
                && (filter.kinds().isEmpty() || filter.kinds().contains(kind(event)))
                && (filter.mediaTypes().isEmpty() || event.target().map(Descriptor::mediaType)
                        .filter(filter.mediaTypes()::contains).isPresent())
                && (filter.repositories().isEmpty() || any(filter.repositories(), event.repository().value()));
    }

    private static boolean any(List<Glob> globs, String value) {
        for (Glob glob : globs) {
            if (glob.matches(value)) {
                return true;
            }
        }
        return false;
    }

    /** The names of {@link FilterConfig#KINDS}: what the event is about. */
    static String kind(RegistryEvent event) {
        if (event instanceof ManifestEvent) {
            return "manifest";
        }
        if (event instanceof BlobEvent) {
            return "blob";
        }
        return event instanceof TagDeleted ? "tag" : "repository";
    }

    /** The tag an event carries: a manifest pushed or pulled by tag, a tag deleted. */
    static Optional<Tag> tag(RegistryEvent event) {
        if (event instanceof ManifestPushed pushed) {
            return Optional.ofNullable(pushed.tag());
        }
        if (event instanceof ManifestPulled pulled) {
            return Optional.ofNullable(pulled.tag());
        }
        return event instanceof TagDeleted deleted ? Optional.of(deleted.tag()) : Optional.empty();
    }
}
