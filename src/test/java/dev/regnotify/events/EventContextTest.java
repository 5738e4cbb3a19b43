package dev.regnotify.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.inject.Inject;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.Recorder;

/** Where events get their request and actor: bound context, else the request-scoped supplier, else empty. */
@EnableWeld
class EventContextTest {

    static final EventContext SUPPLIED = EventContext.of(
            new RequestRecord("from-scope", "", "host", "GET", "agent"), new ActorRecord("bob"));

    /** The Jakarta EE way: a request-scoped bean reads the request (here, a fixed one). */
    @RequestScoped
    static class RequestScopedContext implements EventContextSupplier {
        @Override
        public EventContext get() {
            return SUPPLIED;
        }
    }

    @WeldSetup
    WeldInitiator weld = Containers.memoryStorage(RequestScopedContext.class);

    @Inject
    BlobStore blobs;
    @Inject
    Recorder recorder;
    @Inject
    RequestContextController requests;

    private final RepositoryName repo = RepositoryName.of("context/app");

    private RegistryEvent push(String content) {
        recorder.clear();
        blobs.put(repo, MediaTypes.OCTET_STREAM, Images.bytes(content));
        return recorder.events().get(0);
    }

    @Test
    void requestScopedSupplierIsUsedWhileItsScopeIsActive() {
        requests.activate();
        try {
            RegistryEvent event = push("a");
            assertEquals(SUPPLIED.request(), event.request());
            assertEquals(SUPPLIED.actor(), event.actor());
        } finally {
            requests.deactivate();
        }
        RegistryEvent outside = push("b");
        assertSame(RequestRecord.EMPTY, outside.request());
        assertSame(ActorRecord.ANONYMOUS, outside.actor());
    }

    @Test
    void boundContextWinsAndNests() {
        EventContext outer = EventContext.of(new RequestRecord("outer", null, null, "PUT", null), null);
        EventContext inner = EventContext.of(null, new ActorRecord("carol"));
        requests.activate();
        try {
            List<RegistryEvent> events = outer.supply(() -> {
                RegistryEvent first = push("c");
                RegistryEvent second = inner.supply(() -> push("d"));
                RegistryEvent third = push("e");
                return List.of(first, second, third);
            });
            assertEquals("outer", events.get(0).request().id());
            assertEquals(ActorRecord.ANONYMOUS, events.get(0).actor());
            assertEquals("carol", events.get(1).actor().name());
            assertEquals(RequestRecord.EMPTY, events.get(1).request());
            assertEquals("outer", events.get(2).request().id());
        } finally {
            requests.deactivate();
        }
        assertNull(EventContext.current());
    }

    @Test
    void contextIsRestoredWhenTheBlockThrows() {
        EventContext context = EventContext.of(null, new ActorRecord("dave"));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> context.run(() -> {
            assertEquals(context, EventContext.current());
            throw new IllegalStateException("boom");
        }));
        assertEquals("boom", thrown.getMessage(), "the block's exception reaches the caller unchanged");
        assertNull(EventContext.current());
        assertEquals("", new RequestRecord(null, null, null, null, null).useragent());
    }
}
