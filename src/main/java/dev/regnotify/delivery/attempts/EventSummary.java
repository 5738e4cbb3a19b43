package dev.regnotify.delivery.attempts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.regnotify.events.BlobEvent;
import dev.regnotify.events.ManifestEvent;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.registry.Digest;

/**
 * What the attempt log keeps of an event: what an operator looks it up by and reads about it, not the event: nothing
 * of the request, the actor or the source, which the journal and the receiver have. An attempt's summaries are packed
 * in one array when its envelope is sent ({@link #of(List)}), which the ring keeps and the files' writer copies.
 *
 * @param id the event's id, which its notification carries too
 * @param type the event's type ({@code ManifestPushed}, {@code TagDeleted} ...)
 * @param action its action on the wire ({@code push}, {@code pull}, {@code mount}, {@code delete})
 * @param repository the repository it concerns
 * @param digest the manifest's or the blob's digest ({@code sha256:...}), deletes too; null for a tag's or a
 *               repository's delete
 * @param timestamp when the operation completed
 * @since 0.3
 */
public record EventSummary(String id, String type, String action, String repository, String digest,
        Instant timestamp) {

    // Class.getSimpleName() goes through soft-referenced reflection data, which a loaded heap clears: a profile of the
    // files' writer found it rebuilt there, more than half of the writer's time
    private static final ClassValue<String> TYPES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getSimpleName();
        }
    };

    /** Requires everything but the digest. */
    public EventSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /**
     * @param event an event
     * @return its summary
     */
    public static EventSummary of(RegistryEvent event) {
        Digest digest = digestOf(event);
        return new EventSummary(event.id(), typeOf(event), event.action().wireName(),
                event.repository().toString(), digest == null ? null : digest.toString(), event.timestamp());
    }

    /** @return the event's type, as {@link #type} says it */
    private static String typeOf(RegistryEvent event) {
        return TYPES.get(event.getClass());
    }

    /** @return the manifest's or the blob's digest, or null for a tag's or a repository's delete */
    static Digest digestOf(RegistryEvent event) {
        if (event instanceof ManifestEvent manifest) {
            return manifest.digest();
        }
        return event instanceof BlobEvent blob ? blob.digest() : null;
    }

    /**
     * @param events events, in order
     * @return their summaries, in the same order, packed in one array (the attempt files' encoding; each summary is
     *         made when it is read); immutable
     */
    public static List<EventSummary> of(List<? extends RegistryEvent> events) {
        return PackedSummaries.of(events);
    }
}
