package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.jboss.weld.environment.se.WeldContainer;

import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.ProducedConfig;
import dev.regnotify.testing.Recorder;

/** Containers of the fault tests: the library, an in-memory storage, a recorder, and a configuration. */
final class FaultContainers {

    static final RepositoryName REPO = RepositoryName.of("faults/app");

    private FaultContainers() {
    }

    static WeldContainer start(RegnotifyConfig config, Class<?>... beans) {
        ProducedConfig.next = config;
        List<Class<?>> all = new ArrayList<>(List.of(Containers.withMemoryStorage(beans)));
        all.add(ProducedConfig.class);
        return Containers.weld(all.toArray(Class<?>[]::new)).initialize();
    }

    /** Pushes blobs, each operation checked to have succeeded; @return the ids of the events they fired */
    static List<String> push(WeldContainer container, int count) {
        BlobStore blobs = container.select(BlobStore.class).get();
        Recorder recorder = container.select(Recorder.class).get();
        int before = recorder.events().size();
        for (int i = 0; i < count; i++) {
            Descriptor pushed = blobs.put(REPO, MediaTypes.OCTET_STREAM, Images.bytes("blob " + i));
            assertEquals(("blob " + i).length(), pushed.size(), "the registry operation succeeded");
        }
        List<RegistryEvent> events = recorder.events();
        return events.subList(before, events.size()).stream().map(RegistryEvent::id).toList();
    }
}
