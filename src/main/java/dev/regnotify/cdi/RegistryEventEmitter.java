package dev.regnotify.cdi;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.inject.Inject;

import dev.regnotify.events.BlobDeleted;
import dev.regnotify.events.BlobMounted;
import dev.regnotify.events.BlobPulled;
import dev.regnotify.events.BlobPushed;
import dev.regnotify.events.EventContext;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.InRepository;
import dev.regnotify.events.ManifestDeleted;
import dev.regnotify.events.ManifestPulled;
import dev.regnotify.events.ManifestPushed;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RepositoryDeleted;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.events.TagDeleted;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.tracing.TraceCapture;
import dev.regnotify.tracing.Tracing;

/**
 * Builds registry events and fires them: first to the notification bridge (when endpoints exist), then to
 * application observers synchronously and asynchronously, qualified with their repository. Never throws: an
 * observer's failure is logged, and the storage operation's result stands.
 */
@ApplicationScoped
class RegistryEventEmitter {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.events");

    // Event.select allocates and loses the container's per-Event observer cache, so the selected Event of each
    // repository is kept; the map is cleared past this size so that it stays bounded.
    private static final int MAX_CACHED_REPOSITORIES = 1024;

    @Inject
    Event<RegistryEvent> events;
    @Inject
    EventContexts contexts;
    @Inject
    LibraryConfiguration configuration;
    @Inject
    ExecutorProvider executors;
    @Inject
    NotificationService notifications;
    @Inject
    Event<PendingNotification> bridge;

    private final Map<RepositoryName, Event<RegistryEvent>> byRepository = new ConcurrentHashMap<>();
    private final SharedDescriptors descriptors = new SharedDescriptors();
    private NotificationOptions asyncOptions;
    private SourceRecord source;
    private TraceCapture traces;

    @PostConstruct
    void init() {
        asyncOptions = NotificationOptions.ofExecutor(executors.asyncEvents());
        source = configuration.source();
        traces = Tracing.detect().capture();
    }

    void manifestPulled(RepositoryName repository, Manifest manifest, Tag tag) {
        Descriptor descriptor = descriptors.share(manifest.descriptor());
        emit(repository, m -> new ManifestPulled(m, repository, descriptor, tag, manifest.references()));
    }

    void manifestPushed(RepositoryName repository, Manifest manifest, Tag tag) {
        Descriptor descriptor = descriptors.share(manifest.descriptor());
        emit(repository, m -> new ManifestPushed(m, repository, descriptor, tag, manifest.references(),
                manifest.referrer().orElse(null)));
    }

    /** One {@link TagDeleted} per removed tag, then {@link ManifestDeleted}, all with the same context. */
    void manifestDeleted(RepositoryName repository, Digest digest, List<Tag> removedTags) {
        EventContext context = contexts.current();
        for (Tag tag : removedTags) {
            emit(repository, context, m -> new TagDeleted(m, repository, tag));
        }
        emit(repository, context, m -> new ManifestDeleted(m, repository, digest));
    }

    void blobPushed(RepositoryName repository, Descriptor descriptor) {
        Descriptor shared = descriptors.share(descriptor);
        emit(repository, m -> new BlobPushed(m, repository, shared));
    }

    void blobPulled(RepositoryName repository, Descriptor descriptor) {
        Descriptor shared = descriptors.share(descriptor);
        emit(repository, m -> new BlobPulled(m, repository, shared));
    }

    void blobMounted(RepositoryName repository, Descriptor descriptor, RepositoryName from) {
        Descriptor shared = descriptors.share(descriptor);
        emit(repository, m -> new BlobMounted(m, repository, shared, from));
    }

    void blobDeleted(RepositoryName repository, Digest digest) {
        emit(repository, m -> new BlobDeleted(m, repository, digest));
    }

    void tagDeleted(RepositoryName repository, Tag tag) {
        emit(repository, m -> new TagDeleted(m, repository, tag));
    }

    void repositoryDeleted(RepositoryName repository) {
        emit(repository, m -> new RepositoryDeleted(m, repository));
    }

    private void emit(RepositoryName repository, Function<EventMetadata, RegistryEvent> event) {
        emit(repository, contexts.current(), event);
    }

    private void emit(RepositoryName repository, EventContext context, Function<EventMetadata, RegistryEvent> make) {
        RegistryEvent event;
        Event<RegistryEvent> target;
        try {
            event = make.apply(new EventMetadata(EventIds.next(), Instant.now(), context.request(), context.actor(),
                    source, traces.capture(context)));
            target = forRepository(repository);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "RN-203 an event for repository " + repository + " could not be made; the storage "
                    + "operation's result stands", e);
            return;
        }
        if (notifications.isActive()) {
            notify(event);
        }
        try {
            target.fire(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RN-201 an observer of " + describe(event) + " threw; the storage operation's "
                    + "result stands", e);
        }
        try {
            target.fireAsync(event, asyncOptions).exceptionally(failure -> {
                LOG.log(Level.WARNING, "RN-202 an asynchronous observer of " + describe(event) + " failed", failure);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RN-202 asynchronous observers of " + describe(event) + " were not notified", e);
        }
    }

    /**
     * Hands the event to the bridge through the container, so that a transaction defers it. An application observer
     * of {@code Object} that throws before the bridge was notified would lose it: then it is queued here, at once
     * (inside a transaction, before the commit rather than after).
     */
    private void notify(RegistryEvent event) {
        PendingNotification pending = new PendingNotification(event);
        try {
            bridge.fire(pending);
        } catch (RuntimeException e) {
            if (pending.taken()) {
                LOG.log(Level.WARNING, "RN-201 an observer of the library's internal event for " + describe(event)
                        + " threw after the notification was queued", e);
                return;
            }
            LOG.log(Level.WARNING, "RN-205 an application observer threw on the library's internal event for "
                    + describe(event) + " before the notification was queued; it is queued directly (observe "
                    + "RegistryEvent rather than Object to see registry events only)", e);
            try {
                notifications.publish(event);
            } catch (RuntimeException again) {
                LOG.log(Level.ERROR, "RN-307 the notification of " + describe(event) + " was not queued", again);
            }
        }
    }

    private Event<RegistryEvent> forRepository(RepositoryName repository) {
        Event<RegistryEvent> selected = byRepository.get(repository);
        if (selected == null) {
            if (byRepository.size() >= MAX_CACHED_REPOSITORIES) {
                byRepository.clear();
            }
            selected = events.select(InRepository.Literal.of(repository.value()));
            byRepository.put(repository, selected);
        }
        return selected;
    }

    private static String describe(RegistryEvent event) {
        return event.getClass().getSimpleName() + " " + event.id() + " (" + event.repository() + ")";
    }
}
