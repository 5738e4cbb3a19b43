package dev.regnotify.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Recorder;

/** An observer that throws is logged; the operation returns its result and later operations still fire. */
@EnableWeld
class ThrowingObserverTest {

    @ApplicationScoped
    static class Thrower {
        void fail(@Observes @Priority(1) BlobPushed event) {
            throw new IllegalStateException("observer bug");
        }

        void failAsync(@ObservesAsync BlobDeleted event) {
            throw new IllegalStateException("async observer bug");
        }
    }

    @WeldSetup
    WeldInitiator weld = Containers.memoryStorage(Thrower.class);

    @Inject
    BlobStore blobs;
    @Inject
    Recorder recorder;

    @Test
    void operationReturnsAndLaterOperationsFire() throws Exception {
        RepositoryName repo = RepositoryName.of("throwing/observer");
        byte[] content = Images.bytes("content");
        try (LogCapture log = LogCapture.start()) {
            Descriptor pushed = blobs.put(repo, MediaTypes.OCTET_STREAM, content);
            assertEquals(Images.describe(MediaTypes.OCTET_STREAM, content), pushed);
            assertEquals(1, log.containing("RN-201 an observer of BlobPushed").size(), log.lines()::toString);
            assertTrue(log.containing("RN-201").get(0).contains("observer bug"));

            assertEquals(java.util.List.of(), recorder.events(), "ordered after the thrower, the recorder missed it");
            blobs.get(repo, pushed.digest());
            blobs.delete(repo, pushed.digest());
            assertEquals(2, recorder.events().size(), recorder.events()::toString);
            assertEquals(BlobPulled.class, recorder.events().get(0).getClass());
            assertEquals(BlobDeleted.class, recorder.events().get(1).getClass());
            dev.regnotify.testing.Polling.await("the async failure is logged",
                    () -> !log.containing("RN-202 an asynchronous observer of BlobDeleted").isEmpty());
        }
    }
}
