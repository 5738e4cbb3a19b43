package dev.regnotify.events;

import java.util.ArrayList;
import java.util.List;

import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;

import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Recorder;
import dev.regnotify.testing.StorageBeans;

class FilesystemListenedEventsTest extends ListenedEventsContract {

    @WeldSetup
    WeldInitiator weld = Containers.with(RegnotifyConfig.DEFAULT, beans());

    private static Class<?>[] beans() {
        List<Class<?>> beans = new ArrayList<>(List.of(StorageBeans.services()));
        beans.add(StorageBeans.Filesystem.class);
        beans.add(Recorder.class);
        return beans.toArray(Class<?>[]::new);
    }
}
