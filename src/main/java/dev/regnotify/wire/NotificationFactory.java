package dev.regnotify.wire;

import java.net.URI;
import java.util.List;

import dev.regnotify.events.BlobDeleted;
import dev.regnotify.events.BlobMounted;
import dev.regnotify.events.BlobPulled;
import dev.regnotify.events.BlobPushed;
import dev.regnotify.events.ManifestDeleted;
import dev.regnotify.events.ManifestPulled;
import dev.regnotify.events.ManifestPushed;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RepositoryDeleted;
import dev.regnotify.events.TagDeleted;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;

/**
 * Turns a registry event into its notification, as distribution's bridge does: the same id, timestamp, request,
 * actor and source; a target as docs/wire-format.md gives it; URLs from the configured base URL, or else from the
 * request's host.
 *
 * @since 0.1
 */
public final class NotificationFactory {

    private final String baseUrl;
    private final String baseHost;
    private final boolean includeReferences;

    /**
     * @param baseUrl the registry's public URL, or null to use {@code http://<request host>} (and no URL when the
     *                request's host is unknown)
     * @param includeReferences whether manifest targets list their references
     */
    public NotificationFactory(URI baseUrl, boolean includeReferences) {
        String base = baseUrl == null ? null : baseUrl.toString();
        this.baseUrl = base != null && base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.baseHost = baseUrl == null || baseUrl.getHost() == null ? null
                : baseUrl.getHost() + (baseUrl.getPort() < 0 ? "" : ":" + baseUrl.getPort());
        this.includeReferences = includeReferences;
    }

    /**
     * @param event a registry event
     * @return its notification
     */
    public Notification create(RegistryEvent event) {
        return new Notification(event.id(), event.timestamp(), event.action().wireName(), target(event),
                event.request(), event.actor(), event.metadata().source());
    }

    /**
     * @param event a registry event
     * @return the registry's host (and port) as the event's URLs name it: the base URL's, or else the request's host;
     *         empty when neither is known
     * @since 0.4
     */
    public String host(RegistryEvent event) {
        return baseHost != null ? baseHost : event.request().host();
    }

    private Target target(RegistryEvent event) {
        // RegistryEvent is sealed: these nine cases are all there are
        if (event instanceof ManifestPushed e) {
            return manifest(e, e.descriptor(), e.tag(), e.references());
        } else if (event instanceof ManifestPulled e) {
            return manifest(e, e.descriptor(), e.tag(), e.references());
        } else if (event instanceof ManifestDeleted e) {
            return deleted(e.repository(), e.digest().toString(), null);
        } else if (event instanceof BlobPushed e) {
            return blob(e, e.descriptor(), null);
        } else if (event instanceof BlobPulled e) {
            return blob(e, e.descriptor(), null);
        } else if (event instanceof BlobMounted e) {
            return blob(e, e.descriptor(), e.fromRepository().value());
        } else if (event instanceof BlobDeleted e) {
            return deleted(e.repository(), e.digest().toString(), null);
        } else if (event instanceof TagDeleted e) {
            return deleted(e.repository(), "", e.tag().value());
        } else if (event instanceof RepositoryDeleted e) {
            return deleted(e.repository(), "", null);
        }
        throw new IllegalArgumentException("unknown registry event " + event.getClass().getName());
    }

    private Target manifest(RegistryEvent event, Descriptor descriptor, Tag tag, List<Descriptor> references) {
        return new Target(descriptor.mediaType(), descriptor.size(), descriptor.digest().toString(),
                descriptor.size(), event.repository().value(), null, url(event, "manifests", descriptor),
                tag == null ? null : tag.value(), includeReferences ? references : List.of());
    }

    private Target blob(RegistryEvent event, Descriptor descriptor, String fromRepository) {
        return new Target(descriptor.mediaType(), descriptor.size(), descriptor.digest().toString(),
                descriptor.size(), event.repository().value(), fromRepository, url(event, "blobs", descriptor), null,
                List.of());
    }

    private static Target deleted(RepositoryName repository, String digest, String tag) {
        return new Target("", 0, digest, 0, repository.value(), null, null, tag, List.of());
    }

    private String url(RegistryEvent event, String kind, Descriptor descriptor) {
        String base = baseUrl;
        if (base == null) {
            String host = event.request().host();
            if (host.isEmpty()) {
                return null;
            }
            base = "http://" + host;
        }
        return base + "/v2/" + event.repository().value() + "/" + kind + "/" + descriptor.digest();
    }
}
