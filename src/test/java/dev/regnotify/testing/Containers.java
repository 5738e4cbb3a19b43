package dev.regnotify.testing;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit.MockBean;
import org.jboss.weld.junit5.WeldInitiator;

import dev.regnotify.config.RegnotifyConfig;

/**
 * The one place container tests are set up: Weld SE discovers the library as an application would (its
 * {@code META-INF/beans.xml}), and each test adds its own beans.
 */
public final class Containers {

    private Containers() {
    }

    /** @return Weld with the library discovered and the given test beans added */
    public static Weld weld(Class<?>... beans) {
        return new Weld().enableDiscovery().addBeanClasses(beans);
    }

    /** @return an initiator for Weld with the library, the given beans and this configuration as the app's bean */
    public static WeldInitiator with(RegnotifyConfig config, Class<?>... beans) {
        return WeldInitiator.from(weld(beans)).addBeans(configBean(config)).build();
    }

    /** @return an initiator for Weld with the library, an in-memory storage, a recorder and the given beans */
    public static WeldInitiator memoryStorage(Class<?>... beans) {
        return memoryStorage(RegnotifyConfig.DEFAULT, beans);
    }

    /** @return the same, with this configuration */
    public static WeldInitiator memoryStorage(RegnotifyConfig config, Class<?>... beans) {
        return with(config, withMemoryStorage(beans));
    }

    /** @return the given beans plus the in-memory storage services and a recorder */
    public static Class<?>[] withMemoryStorage(Class<?>... beans) {
        List<Class<?>> all = new ArrayList<>(List.of(StorageBeans.services()));
        all.add(StorageBeans.Memory.class);
        all.add(Recorder.class);
        all.addAll(List.of(beans));
        return all.toArray(Class<?>[]::new);
    }

    public static MockBean<RegnotifyConfig> configBean(RegnotifyConfig config) {
        return MockBean.<RegnotifyConfig>builder().types(RegnotifyConfig.class).scope(Singleton.class)
                .creating(config).build();
    }
}
