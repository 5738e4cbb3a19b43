package dev.regnotify.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.cdi.NotificationMetrics;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.Format;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.EndpointMetricsMXBean;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventContext;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.Referrer;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.testing.CdEventsSchemas;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.JsonDocs;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;

/**
 * An image pushed with a tag, then its cosign signature pushed by digest, through the listened storage in Weld SE: a
 * {@code cdevents} endpoint receives {@code artifact.published} and {@code artifact.signed} of the image, which the
 * schemas accept; the blob pushes are skipped and counted.
 */
@EnableWeld
class CdEventsInCdiTest {

    private final Receiver receiver = Receiver.start();

    @WeldSetup
    WeldInitiator weld = Containers.memoryStorage(RegnotifyConfig.DEFAULT
            .withEndpoint(EndpointConfig.of("cd", receiver.url()).withFormat(Format.CDEVENTS)
                    .withRetry(Duration.ofSeconds(30), 10, Duration.ofSeconds(1))));

    @Inject
    BlobStore blobs;
    @Inject
    ManifestService manifests;
    @Inject
    NotificationMetrics metrics;

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aSignedImageArrivesAsPublishedThenSigned() {
        RepositoryName repo = RepositoryName.of("cd/app");
        RequestRecord request = new RequestRecord("req-1", "10.1.2.3:4444", "registry.local:5000", "PUT", "cosign/2");
        Manifest image = EventContext.of(request, new ActorRecord("ci-bot")).supply(() -> {
            Descriptor config = blobs.put(repo, MediaTypes.OCI_CONFIG, Images.bytes("{\"os\":\"linux\"}"));
            Descriptor layer = blobs.put(repo, MediaTypes.OCI_LAYER_GZIP, Images.bytes("layer"));
            Manifest pushed = Images.ociManifest(config, layer);
            manifests.put(repo, pushed, Tag.of("v1"));
            Descriptor empty = blobs.put(repo, "application/vnd.oci.empty.v1+json", Images.bytes("{}"));
            Descriptor payload = blobs.put(repo, "application/vnd.dev.cosign.simplesigning.v1+json",
                    Images.bytes("{\"critical\":{}}"));
            manifests.put(repo, Images.referrer(pushed.descriptor(), Referrer.COSIGN_SIGNATURE, empty, payload,
                    "{\"" + Referrer.COSIGN_SIGNATURE_ANNOTATION + "\":\"MEUCIQDsig==\"}"));
            return pushed;
        });

        EndpointMetricsMXBean endpoint = metrics.endpoints().get("cd");
        Polling.await("two CDEvents delivered and four blob pushes skipped", Duration.ofSeconds(10),
                () -> endpoint.getSuccesses() == 2 && endpoint.getSkipped() == 4);
        List<JsonObject> events = receiver.requests().stream().map(r -> JsonDocs.parse(r.body())).toList();
        assertEquals(List.of("dev.cdevents.artifact.published.0.3.0", "dev.cdevents.artifact.signed.0.3.0"),
                events.stream().map(e -> e.getString("type")).toList());
        String purl = "pkg:oci/app@sha256%3A" + image.digest().hex() + "?repository_url=registry.local:5000/cd/app";
        for (JsonObject event : events) {
            JsonObject data = event.getJsonObject("data");
            assertEquals(List.of(), CdEventsSchemas.errors(event.getString("type"), data.toString()), data.toString());
            assertEquals(purl, data.getJsonObject("subject").getString("id"), "both name the image");
        }
        assertEquals("ci-bot", events.get(0).getJsonObject("data").getJsonObject("subject").getJsonObject("content")
                .getString("user"));
        assertEquals("MEUCIQDsig==", events.get(1).getJsonObject("data").getJsonObject("subject")
                .getJsonObject("content").getString("signature"));
        assertEquals("application/cloudevents+json", receiver.requests().get(1).header("Content-Type"));
    }
}
