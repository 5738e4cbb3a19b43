package dev.regnotify.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.TagService;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;

/** Observers narrow by exact type, by family, take every event, or narrow by repository. */
@EnableWeld
class ObserverSelectionTest {

    @ApplicationScoped
    static class Observers {
        final List<String> blobPushed = new CopyOnWriteArrayList<>();
        final List<String> blobFamily = new CopyOnWriteArrayList<>();
        final List<String> manifestFamily = new CopyOnWriteArrayList<>();
        final List<String> all = new CopyOnWriteArrayList<>();
        final List<String> teamOnly = new CopyOnWriteArrayList<>();

        void exact(@Observes BlobPushed event) {
            blobPushed.add(event.id());
        }

        void family(@Observes BlobEvent event) {
            blobFamily.add(event.getClass().getSimpleName());
        }

        void manifests(@Observes ManifestEvent event) {
            manifestFamily.add(event.getClass().getSimpleName());
        }

        void every(@Observes RegistryEvent event) {
            all.add(event.getClass().getSimpleName());
        }

        void team(@Observes @InRepository("team/app") RegistryEvent event) {
            teamOnly.add(event.repository() + " " + event.getClass().getSimpleName());
        }

        List<List<String>> lists() {
            return List.of(blobPushed, blobFamily, manifestFamily, all, teamOnly);
        }
    }

    @WeldSetup
    WeldInitiator weld = Containers.memoryStorage(Observers.class);

    @Inject
    BlobStore blobs;
    @Inject
    TagService tags;
    @Inject
    Observers observers;

    @Test
    void eachObserverGetsWhatItAskedFor() {
        RepositoryName team = RepositoryName.of("team/app");
        RepositoryName other = RepositoryName.of("other/app");
        Descriptor layer = blobs.put(team, MediaTypes.OCI_LAYER_GZIP, Images.bytes("layer"));
        blobs.put(other, MediaTypes.OCI_LAYER_GZIP, Images.bytes("layer"));
        blobs.get(team, layer.digest());
        blobs.mount(other, team, layer.digest());
        blobs.delete(other, layer.digest());

        List<List<String>> seen = observers.lists();
        assertEquals(2, seen.get(0).size());
        assertEquals(List.of("BlobPushed", "BlobPushed", "BlobPulled", "BlobMounted", "BlobDeleted"),
                seen.get(1));
        assertEquals(List.of(), seen.get(2));
        assertEquals(seen.get(1), seen.get(3));
        assertEquals(List.of("team/app BlobPushed", "team/app BlobPulled"), seen.get(4));
    }

    @Test
    void qualifierLiteralSelectsLikeTheAnnotation() {
        assertEquals("team/app", InRepository.Literal.of("team/app").value());
        assertEquals(InRepository.Literal.of("a"), InRepository.Literal.of("a"));
        assertEquals(Listened.class, Listened.Literal.INSTANCE.annotationType());
    }
}
