package dev.regnotify.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.cdi.NotificationMetrics;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.Format;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.EndpointMetricsMXBean;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.testing.CdEventsSchemas;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.JsonDocs;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.ProducedConfig;
import dev.regnotify.testing.Receiver;

/**
 * With a journal, a {@code cdevents} endpoint's cursor gives it every event: the blob pushes are skipped after the
 * journal as after the in-memory queue, and its position moves past them, so nothing stays pending.
 */
class CdEventsJournalTest {

    @TempDir
    Path dir;

    @Test
    void eventsWithoutACdEventsTypeAreSkippedPastTheJournal() {
        try (Receiver receiver = Receiver.start()) {
            ProducedConfig.next = RegnotifyConfig.DEFAULT.withJournal(JournalConfig.in(dir))
                    .withEndpoint(EndpointConfig.of("cd", receiver.url()).withFormat(Format.CDEVENTS)
                            .withRetry(Duration.ofSeconds(30), 10, Duration.ofSeconds(1)));
            try (WeldContainer container = Containers.weld(Containers.withMemoryStorage())
                    .addBeanClasses(ProducedConfig.class).initialize()) {
                RepositoryName repo = RepositoryName.of("journal/app");
                BlobStore blobs = container.select(BlobStore.class).get();
                Descriptor config = blobs.put(repo, MediaTypes.OCI_CONFIG, Images.bytes("{}"));
                Descriptor layer = blobs.put(repo, MediaTypes.OCI_LAYER_GZIP, Images.bytes("layer"));
                container.select(ManifestService.class).get().put(repo, Images.ociManifest(config, layer),
                        Tag.of("v1"));

                EndpointMetricsMXBean endpoint = container.select(NotificationMetrics.class).get().endpoints()
                        .get("cd");
                Polling.await("one CDEvent delivered, two blob pushes skipped, none pending", Duration.ofSeconds(20),
                        () -> endpoint.getSuccesses() == 1 && endpoint.getSkipped() == 2
                                && endpoint.getPending() == 0);
                assertEquals(1, receiver.requests().size());
                JsonObject event = JsonDocs.parse(receiver.requests().get(0).body());
                assertEquals("dev.cdevents.artifact.published.0.3.0", event.getString("type"));
                assertEquals(List.of(), CdEventsSchemas.errors(event.getString("type"),
                        event.getJsonObject("data").toString()));
            }
        }
    }
}
