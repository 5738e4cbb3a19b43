package dev.regnotify.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.ManifestPulled;
import dev.regnotify.events.ManifestPushed;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Referrer;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.JsonDocs;
import dev.regnotify.testing.Notifications;

/** The decisions of the CDEvents format: which events it carries, the package URL, the source. */
class CdEventsFormatTest {

    private static final Descriptor IMAGE = CdEventsTest.manifest("the image");
    private static final String DIGEST = "sha256%3A" + IMAGE.digest().hex();

    private static ManifestPulled pulled(String repository, String requestHost, String sourceAddr) {
        return new ManifestPulled(new EventMetadata("id", Instant.EPOCH, new RequestRecord("r", "", requestHost,
                "GET", "ua"), ActorRecord.ANONYMOUS, new SourceRecord(sourceAddr, "i")), RepositoryName.of(repository),
                IMAGE, null, List.of());
    }

    private static JsonObject encoded(URI base, RegistryEvent event) {
        return JsonDocs.parse(new CdEventsFormat(false, new NotificationFactory(base, false)).encode(event));
    }

    @Test
    void theSubjectNamesTheLastPathComponentTheDigestAndTheRepositoryOnTheRegistrysHost() {
        assertEquals("pkg:oci/web@" + DIGEST + "?repository_url=registry.example.com/team/app/web",
                encoded(URI.create("https://registry.example.com/"), pulled("team/app/web", "r:5000", "s:1"))
                        .getString("subject"), "the base URL's host");
        assertEquals("pkg:oci/app@" + DIGEST + "?repository_url=registry.local:5000/app",
                encoded(null, pulled("app", "registry.local:5000", "s:1")).getString("subject"), "the request's");
        assertEquals("pkg:oci/app@" + DIGEST + "?repository_url=registry-1:5000/app",
                encoded(null, pulled("app", "", "registry-1:5000")).getString("subject"), "else the source address");
        assertEquals("pkg:oci/app@" + DIGEST, encoded(null, pulled("app", "", "")).getString("subject"),
                "no host known: no repository URL");
    }

    @Test
    void theSourceIsTheSourceAddressAsAUriReference() {
        assertEquals("//10.0.0.5:5000", encoded(null, pulled("app", "", "10.0.0.5:5000")).getString("source"));
        assertEquals("regnotify", encoded(null, pulled("app", "", "")).getString("source"));
        assertEquals("reg%20istry%C3%A9:1", CdEventsFormat.authority("reg istry\u00e9:1"));
        assertEquals("[::1]:5000", CdEventsFormat.authority("[::1]:5000"));
    }

    @Test
    void onlyManifestsWithACdEventsTypeAreCarried() {
        CdEventsFormat format = new CdEventsFormat(true, new NotificationFactory(null, false));
        RegistryEvent blob = Notifications.numbered(1);
        assertFalse(format.carries(blob));
        assertTrue(format.carries(pulled("app", "", "")));
        assertTrue(format.carries(CdEventsTest.cosignSignature(2)), "a signature pushed by digest");
        ManifestPushed notary = new ManifestPushed(CdEventsTest.meta(3, "x"), RepositoryName.of("a"), IMAGE, null,
                List.of(), new Referrer(IMAGE, Referrer.NOTARY_SIGNATURE, ""));
        assertFalse(format.carries(notary), "a signature whose value is elsewhere, pushed by digest");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> format.encode(blob));
        assertEquals("event " + Notifications.id(1) + " (BlobPushed) has no CDEvents type", e.getMessage());
    }
}
