package dev.regnotify.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.Format;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.BlobPulled;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.ManifestPulled;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.testing.JsonDocs;

class NotificationFactoryTest {

    private static final RepositoryName REPO = RepositoryName.of("team/app");
    private static final Descriptor CONFIG = new Descriptor(MediaTypes.OCI_CONFIG, 2, Digest.of(new byte[] {1}));
    private static final Descriptor LAYER = new Descriptor(MediaTypes.OCI_LAYER_GZIP, 3, Digest.of(new byte[] {2}));
    private static final Descriptor MANIFEST = new Descriptor(MediaTypes.OCI_MANIFEST, 400, Digest.of(new byte[] {3}));

    private static EventMetadata meta(String host) {
        return new EventMetadata("the-id", Instant.EPOCH, new RequestRecord("r", "", host, "GET", "ua"),
                ActorRecord.ANONYMOUS, new SourceRecord("src", "inst"));
    }

    private static JsonObject target(NotificationFactory factory, dev.regnotify.events.RegistryEvent event, Format f) {
        return JsonDocs.parse(new DistributionFormat(f, new NotificationFactory(null, false)).encode(factory.create(event))).getJsonObject("target");
    }

    @Test
    void manifestUrlsUseTheDigestAndTheBaseUrl() {
        ManifestPulled pulled = new ManifestPulled(meta("ignored:5000"), REPO, MANIFEST, Tag.of("v1"),
                List.of(CONFIG, LAYER));
        Notification n = new NotificationFactory(URI.create("https://registry.example.com/"), false).create(pulled);
        assertEquals("https://registry.example.com/v2/team/app/manifests/" + MANIFEST.digest(), n.target().url());
        assertEquals("v1", n.target().tag());
        assertEquals("the-id", n.id());
        assertEquals("pull", n.action());
        assertEquals(List.of(), n.target().references());
    }

    @Test
    void withoutBaseUrlTheRequestHostIsUsedAndWithoutHostNoUrl() {
        BlobPulled pulled = new BlobPulled(meta("registry.local:5000"), REPO, LAYER);
        assertEquals("http://registry.local:5000/v2/team/app/blobs/" + LAYER.digest(),
                new NotificationFactory(null, false).create(pulled).target().url());
        assertNull(new NotificationFactory(null, false).create(new BlobPulled(meta(""), REPO, LAYER)).target().url());
    }

    @Test
    void referencesOnlyWhenIncludedInBothShapes() {
        ManifestPulled pulled = new ManifestPulled(meta("h"), REPO, MANIFEST, null, List.of(CONFIG, LAYER));
        assertNull(target(new NotificationFactory(null, false), pulled, Format.V1).get("references"));
        JsonObject v1 = target(new NotificationFactory(null, true), pulled, Format.V1);
        assertEquals(List.of("mediaType", "size", "digest"),
                List.copyOf(v1.getJsonArray("references").getJsonObject(0).keySet()));
        JsonObject v2 = target(new NotificationFactory(null, true), pulled, Format.V2);
        assertEquals(List.of("mediaType", "digest", "size"),
                List.copyOf(v2.getJsonArray("references").getJsonObject(1).keySet()));
        assertEquals(LAYER.digest().toString(), v2.getJsonArray("references").getJsonObject(1).getString("digest"));
        assertEquals(List.of("mediaType", "size", "digest", "length", "repository", "url", "references"),
                List.copyOf(v1.keySet()));
    }

    @Test
    void unknownActorIsAnEmptyObjectAndRequestKeepsItsRequiredFields() {
        JsonObject event = JsonDocs.parse(new DistributionFormat(Format.V1, new NotificationFactory(null, false)).encode(new NotificationFactory(null, false)
                .create(new BlobPulled(new EventMetadata("x", Instant.EPOCH, RequestRecord.EMPTY,
                        ActorRecord.ANONYMOUS, new SourceRecord("", "")), REPO, LAYER))));
        assertEquals(JsonDocs.parse("{}"), event.getJsonObject("actor"));
        assertEquals(List.of("id", "method", "useragent"), List.copyOf(event.getJsonObject("request").keySet()));
        assertEquals(List.of("id", "timestamp", "action", "target", "request", "actor", "source"),
                List.copyOf(event.keySet()));
        assertEquals("1970-01-01T00:00:00Z", event.getString("timestamp"));
    }
}
