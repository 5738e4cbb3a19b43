package dev.regnotify.events;

import java.time.Instant;
import java.util.Optional;

import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.RepositoryName;

/**
 * Something a registry did, fired after the storage operation returned. Observe this type for every event, a family
 * ({@link ManifestEvent}, {@link BlobEvent}) or one exact type; narrow by repository with {@link InRepository}.
 *
 * @since 0.1
 */
public sealed interface RegistryEvent permits ManifestEvent, BlobEvent, TagDeleted, RepositoryDeleted {

    /** @return the event's id, timestamp, request, actor and source */
    EventMetadata metadata();

    /** @return the repository the operation concerned */
    RepositoryName repository();

    /** @return what happened */
    Action action();

    /** @return the content the event is about, where the event describes it (pushes, pulls, mounts); else empty */
    default Optional<Descriptor> target() {
        return Optional.empty();
    }

    /** @return the event's unique id, which its notification carries too */
    default String id() {
        return metadata().id();
    }

    /** @return when the operation completed */
    default Instant timestamp() {
        return metadata().timestamp();
    }

    /** @return the request that caused the event */
    default RequestRecord request() {
        return metadata().request();
    }

    /** @return who caused the event */
    default ActorRecord actor() {
        return metadata().actor();
    }

    /**
     * @return the W3C Trace Context of the operation, or {@link TraceContext#NONE}
     * @since 0.4
     */
    default TraceContext trace() {
        return metadata().trace();
    }
}
