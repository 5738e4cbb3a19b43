package dev.regnotify.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.Format;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.BlobMounted;
import dev.regnotify.events.BlobPushed;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.ManifestDeleted;
import dev.regnotify.events.ManifestPushed;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RepositoryDeleted;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.events.TagDeleted;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.testing.JsonDocs;

/**
 * Every event kind, built from the values of distribution's own examples in {@code reference/}, serialized and
 * compared field by field with keys in order. Ids and timestamps are test data; so are digests and URLs where the
 * examples use invalid digests such as {@code sha256:0123456789abcdef0}.
 */
class ReferenceShapesTest {

    private static final Set<String> ALWAYS_EXEMPT = Set.of("id", "timestamp");
    private static final Set<String> FAKE_DIGESTS_EXEMPT = Set.of("id", "timestamp", "digest", "url");

    private static final RequestRecord PUSH_REQUEST = new RequestRecord("asdfasdf", "client.local",
            "registrycluster.local", "PUT", "test/0.1");
    private static final SourceRecord PUSH_SOURCE = new SourceRecord("hostname.local:port", "");
    private static final RequestRecord CURL = new RequestRecord("6df24a34-0959-4923-81ca-14f09767db19",
            "192.168.64.11:42961", "192.168.100.227:5000", "DELETE", "curl/7.38.0");
    private static final SourceRecord XTAL = new SourceRecord("xtal.local:5000", "a53db899-3b4b-4a62-a067-8dd013beaca4");
    private static final RepositoryName LIBRARY_TEST = RepositoryName.of("library/test");
    private static final String LAYER = "application/vnd.docker.container.image.rootfs.diff+x-gtar";

    private static EventMetadata meta(RequestRecord request, ActorRecord actor, SourceRecord source) {
        return new EventMetadata("id", Instant.parse("2006-01-02T15:04:05Z"), request, actor, source);
    }

    private static Digest digest(int n) {
        return Digest.of(new byte[] {(byte) n});
    }

    private static List<RegistryEvent> pushEnvelopeEvents(String manifestMediaType) {
        EventMetadata m = meta(PUSH_REQUEST, new ActorRecord("test-actor"), PUSH_SOURCE);
        return List.of(
                new ManifestPushed(m, LIBRARY_TEST, new Descriptor(manifestMediaType, 1, digest(0)), null, List.of()),
                new BlobPushed(m, LIBRARY_TEST, new Descriptor(LAYER, 2, digest(1))),
                new BlobPushed(m, LIBRARY_TEST, new Descriptor(LAYER, 3, digest(2))));
    }

    private static JsonObject encode(List<RegistryEvent> events, Format format, String baseUrl) {
        NotificationFactory factory = new NotificationFactory(baseUrl == null ? null : URI.create(baseUrl), false);
        DistributionFormat codec = new DistributionFormat(format, new NotificationFactory(null, false));
        return JsonDocs.parse(codec.envelope(events.stream().map(factory::create).map(codec::encode).toList()));
    }

    private static void assertMatches(String reference, List<RegistryEvent> events, Format format, String baseUrl,
            Set<String> exempt) {
        JsonDocs.assertSameShape(JsonDocs.resource("/reference/" + reference), encode(events, format, baseUrl), exempt,
                reference);
    }

    @Test
    void v1PushEnvelope() {
        assertMatches("distribution-v2.8.3-push-envelope.json",
                pushEnvelopeEvents("application/vnd.docker.distribution.manifest.v1+prettyjws"), Format.V1,
                "http://example.com", FAKE_DIGESTS_EXEMPT);
    }

    @Test
    void v1TagDeleteWithUnknownActor() {
        assertMatches("distribution-v2.8.3-tag-delete.json",
                List.of(new TagDeleted(meta(CURL, ActorRecord.ANONYMOUS, XTAL), RepositoryName.of("hello-world"),
                        Tag.of("latest"))), Format.V1, null, ALWAYS_EXEMPT);
    }

    @Test
    void v2PushEnvelope() {
        assertMatches("distribution-v3-push-envelope.json",
                pushEnvelopeEvents("application/vnd.docker.distribution.manifest.v2+json"), Format.V2,
                "http://example.com", FAKE_DIGESTS_EXEMPT);
    }

    @Test
    void v2BlobMountWithItsExactUrl() {
        Digest layer = Digest.parse("sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf");
        RequestRecord post = new RequestRecord(CURL.id(), CURL.addr(), CURL.host(), "POST", CURL.useragent());
        assertMatches("distribution-v3-blob-mount.json",
                List.of(new BlobMounted(meta(post, new ActorRecord("alice"), XTAL), RepositoryName.of("team/app"),
                        new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", 3208942, layer),
                        RepositoryName.of("library/base"))), Format.V2, "http://192.168.100.227:5000", ALWAYS_EXEMPT);
    }

    @Test
    void v2ManifestDelete() {
        Digest manifest = Digest.parse("sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf");
        assertMatches("distribution-v3-manifest-delete.json",
                List.of(new ManifestDeleted(meta(CURL, ActorRecord.ANONYMOUS, XTAL), RepositoryName.of("hello-world"),
                        manifest)), Format.V2, "http://192.168.100.227:5000", ALWAYS_EXEMPT);
    }

    @Test
    void v2RepositoryDelete() {
        assertMatches("distribution-v3-repo-delete.json",
                List.of(new RepositoryDeleted(meta(CURL, ActorRecord.ANONYMOUS, XTAL), RepositoryName.of("hello-world"))),
                Format.V2, null, ALWAYS_EXEMPT);
    }

    @Test
    void v2TagDelete() {
        assertMatches("distribution-v3-tag-delete.json",
                List.of(new TagDeleted(meta(CURL, ActorRecord.ANONYMOUS, XTAL), RepositoryName.of("hello-world"),
                        Tag.of("latest"))), Format.V2, null, ALWAYS_EXEMPT);
    }

    @Test
    void v1DeletesCarryRepositoryAndDigestOnly() {
        Digest manifest = digest(9);
        JsonObject target = JsonDocs.events(encode(List.of(new ManifestDeleted(meta(CURL, ActorRecord.ANONYMOUS, XTAL),
                RepositoryName.of("hello-world"), manifest)), Format.V1, "http://x")).get(0).getJsonObject("target");
        assertEquals(List.of("digest", "repository"), List.copyOf(target.keySet()));
        JsonObject repo = JsonDocs.events(encode(List.of(new RepositoryDeleted(meta(CURL, ActorRecord.ANONYMOUS, XTAL),
                RepositoryName.of("hello-world"))), Format.V1, "http://x")).get(0).getJsonObject("target");
        assertEquals(List.of("repository"), List.copyOf(repo.keySet()));
    }

    @Test
    void eachEventCarriesItsOwnSource() {
        List<RegistryEvent> events = List.of(XTAL, PUSH_SOURCE, PUSH_SOURCE, XTAL, new SourceRecord("", "only-id"))
                .stream().<RegistryEvent>map(source -> new RepositoryDeleted(meta(CURL, ActorRecord.ANONYMOUS, source),
                        LIBRARY_TEST)).toList();
        List<JsonObject> sources = JsonDocs.events(encode(events, Format.V1, null)).stream()
                .map(event -> event.getJsonObject("source")).toList();
        assertEquals(List.of("{\"addr\":\"xtal.local:5000\",\"instanceID\":\"a53db899-3b4b-4a62-a067-8dd013beaca4\"}",
                "{\"addr\":\"hostname.local:port\"}", "{\"addr\":\"hostname.local:port\"}",
                "{\"addr\":\"xtal.local:5000\",\"instanceID\":\"a53db899-3b4b-4a62-a067-8dd013beaca4\"}",
                "{\"instanceID\":\"only-id\"}"), sources.stream().map(Object::toString).toList());
    }

    @Test
    void timestampsAreRfc3339WithTrimmedFraction() {
        assertEquals("2016-03-09T22:44:26.40297397Z", Rfc3339.format(Instant.parse("2016-03-09T22:44:26.402973970Z")));
        assertEquals("2006-01-02T15:04:05Z", Rfc3339.format(Instant.parse("2006-01-02T15:04:05Z")));
        assertEquals("2006-01-02T15:04:05.5Z", Rfc3339.format(Instant.parse("2006-01-02T15:04:05.500Z")));
    }

    @Test
    void contentTypesOfTheShapes() {
        assertEquals("application/vnd.docker.distribution.events.v1+json", new DistributionFormat(Format.V1, new NotificationFactory(null, false)).contentType());
        assertEquals("application/vnd.docker.distribution.events.v2+json", new DistributionFormat(Format.V2, new NotificationFactory(null, false)).contentType());
        assertFalse(new String(new DistributionFormat(Format.V1, new NotificationFactory(null, false)).envelope(List.of())).contains(" "));
    }
}
