package dev.regnotify.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.registry.TagService;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.Recorder;
import dev.regnotify.testing.StorageBeans;

/**
 * Weld with relaxed construction off, as strict servers run: every library bean and the README's storage beans must
 * be proxyable the portable way (a non-private no-arg constructor, no final methods).
 */
@EnableWeld
class StrictConstructionTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(beans())
            .property("org.jboss.weld.construction.relaxed", false))
            .addBeans(Containers.configBean(dev.regnotify.config.RegnotifyConfig.DEFAULT)).build();

    @Inject
    BlobStore blobs;
    @Inject
    ManifestService manifests;
    @Inject
    TagService tags;
    @Inject
    Recorder recorder;

    private static Class<?>[] beans() {
        List<Class<?>> beans = new ArrayList<>(List.of(StorageBeans.services()));
        beans.add(StorageBeans.Memory.class);
        beans.add(Recorder.class);
        return beans.toArray(Class<?>[]::new);
    }

    @Test
    void eventsFireUnderStrictConstruction() {
        RepositoryName repo = RepositoryName.of("strict/app");
        Manifest manifest = Images.ociManifest(blobs.put(repo, MediaTypes.OCI_CONFIG, Images.bytes("{}")));
        manifests.put(repo, manifest, Tag.of("v1"));
        tags.untag(repo, Tag.of("v1"));
        assertEquals(List.of(BlobPushed.class, ManifestPushed.class, TagDeleted.class),
                recorder.events().stream().map(Object::getClass).toList());
    }
}
