package dev.regnotify.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
import dev.regnotify.delivery.metrics.JmxRegistration;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventContext;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Recorder;

/** A storage operation in Weld SE reaches a real receiver as distribution's envelope, with the configured headers. */
@EnableWeld
class NotificationsEndToEndTest {

    private final Receiver receiver = Receiver.start();
    private final Receiver v2Receiver = Receiver.start();
    private final RegnotifyConfig config = RegnotifyConfig.DEFAULT
            .withEndpoint(EndpointConfig.of("main", receiver.url())
                    .withHeaders(Map.of("Authorization", List.of("Bearer abc"))))
            .withEndpoint(EndpointConfig.of("newest", v2Receiver.url()).withFormat(Format.V2))
            .withEndpoint(new EndpointConfig("off", true, receiver.url(), Map.of(), EndpointConfig.DEFAULT_TIMEOUT,
                    10, EndpointConfig.DEFAULT_BACKOFF, dev.regnotify.config.IgnoreConfig.NONE,
                    dev.regnotify.config.BatchConfig.SINGLE, Format.V1));

    @WeldSetup
    WeldInitiator weld = Containers.memoryStorage(config);

    @Inject
    BlobStore blobs;
    @Inject
    Recorder recorder;
    @Inject
    NotificationMetrics metrics;

    @AfterEach
    void stop() {
        receiver.close();
        v2Receiver.close();
    }

    @Test
    void aPushArrivesAsAnEnvelopeWithHeadersAndContentType() {
        RepositoryName repo = RepositoryName.of("e2e/app");
        RequestRecord request = new RequestRecord("req-9", "10.1.2.3:4444", "registry.local:5000", "PUT", "skopeo/1");
        Descriptor pushed = EventContext.of(request, new ActorRecord("erin"))
                .supply(() -> blobs.put(repo, MediaTypes.OCI_LAYER_GZIP, Images.bytes("layer")));

        receiver.awaitAccepted(1, Duration.ofSeconds(10));
        Receiver.Request post = receiver.requests().get(0);
        assertEquals("application/vnd.docker.distribution.events.v1+json", post.header("Content-Type"));
        assertEquals("Bearer abc", post.header("Authorization"));
        JsonObject event = post.events().get(0);
        assertEquals(recorder.events().get(0).id(), event.getString("id"));
        assertEquals("push", event.getString("action"));
        JsonObject target = event.getJsonObject("target");
        assertEquals(pushed.digest().toString(), target.getString("digest"));
        assertEquals("http://registry.local:5000/v2/e2e/app/blobs/" + pushed.digest(), target.getString("url"));
        assertEquals("PUT", event.getJsonObject("request").getString("method"));
        assertEquals("skopeo/1", event.getJsonObject("request").getString("useragent"));
        assertEquals("erin", event.getJsonObject("actor").getString("name"));

        v2Receiver.awaitAccepted(1, Duration.ofSeconds(10));
        assertEquals("application/vnd.docker.distribution.events.v2+json",
                v2Receiver.requests().get(0).header("Content-Type"));
        assertEquals(1, receiver.requests().size(), "the disabled endpoint, on the same receiver, got nothing");
        assertEquals(List.of("main", "newest"), List.copyOf(metrics.endpoints().keySet()));
        assertTrue(metrics.snapshotJson().contains("\"name\":\"main\""));
        assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(JmxRegistration.objectName("main")));
    }
}
