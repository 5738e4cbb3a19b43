package dev.regnotify.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.ConfigException;
import dev.regnotify.config.ConfigLocator;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.config.SourceConfig;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.Recorder;
import dev.regnotify.testing.StorageBeans;

/** The configuration lookup order: the application's bean, then the file the system property names, then none. */
class ConfigurationLookupTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty(ConfigLocator.PROPERTY);
    }

    private static Weld storageContainer() {
        return Containers.weld(StorageBeans.Manifests.class, StorageBeans.Blobs.class, StorageBeans.Tags.class,
                StorageBeans.Repositories.class, StorageBeans.Memory.class, Recorder.class);
    }

    private static RegistryEvent pushOne(WeldContainer container) {
        container.select(BlobStore.class).get().put(RepositoryName.of("lookup/app"), MediaTypes.OCTET_STREAM,
                Images.bytes("x"));
        return container.select(Recorder.class).get().events().get(0);
    }

    @Test
    void aBadFileFailsTheStartNamingTheKeyPath() throws Exception {
        Path file = dir.resolve("regnotify.json");
        Files.writeString(file, "{\"notifications\":{\"endpoints\":[{\"name\":\"a\",\"url\":\"http://127.0.0.1:1/\","
                + "\"timeout\":\"5 sec\"}]}}");
        System.setProperty(ConfigLocator.PROPERTY, file.toString());
        RuntimeException e = assertThrows(RuntimeException.class, () -> storageContainer().initialize().close());
        Throwable cause = e;
        while (cause != null && !(cause instanceof ConfigException)) {
            cause = cause.getCause();
        }
        assertTrue(cause != null, () -> "no ConfigException in " + e);
        assertTrue(cause.getMessage().startsWith("notifications.endpoints[0].timeout: \"5 sec\" is not a duration"),
                cause.getMessage());
    }

    @Test
    void theFileNamedByTheSystemPropertyConfiguresTheSource() throws Exception {
        Path file = dir.resolve("regnotify.json");
        Files.writeString(file, "{\"source\":{\"addr\":\"from-file:5000\",\"instanceID\":\"file-id\"}}");
        System.setProperty(ConfigLocator.PROPERTY, file.toString());
        try (WeldContainer container = storageContainer().initialize()) {
            RegistryEvent event = pushOne(container);
            assertEquals("from-file:5000", event.metadata().source().addr());
            assertEquals("file-id", event.metadata().source().instanceID());
        }
    }

    /** An application's configuration bean. */
    @jakarta.enterprise.context.ApplicationScoped
    static class AppConfig {
        @jakarta.enterprise.inject.Produces
        @jakarta.inject.Singleton
        RegnotifyConfig config() {
            return new RegnotifyConfig(false, java.util.List.of(), RegnotifyConfig.DEFAULT_DRAIN_TIMEOUT,
                    new SourceConfig("from-bean:5000", null), null);
        }
    }

    @Test
    void theApplicationsBeanComesFirst() throws Exception {
        Path file = dir.resolve("regnotify.json");
        Files.writeString(file, "{\"source\":{\"addr\":\"from-file:5000\"}}");
        System.setProperty(ConfigLocator.PROPERTY, file.toString());
        try (WeldContainer container = storageContainer().addBeanClasses(AppConfig.class).initialize()) {
            assertEquals("from-bean:5000", pushOne(container).metadata().source().addr());
        }
    }

    @Test
    void withNothingConfiguredTheSourceHasDefaults() {
        try (WeldContainer container = storageContainer().initialize()) {
            RegistryEvent event = pushOne(container);
            assertTrue(!event.metadata().source().addr().isEmpty());
            assertEquals(36, event.metadata().source().instanceID().length());
        }
    }
}
