package dev.regnotify.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.Format;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.ManifestDeleted;
import dev.regnotify.events.ManifestPulled;
import dev.regnotify.events.ManifestPushed;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RepositoryDeleted;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.events.TagDeleted;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.Referrer;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.testing.CdEventsSchemas;
import dev.regnotify.testing.JsonDocs;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;

/**
 * CDEvents as an endpoint sends them to a receiver on 127.0.0.1: the CloudEvents SDK parses each CloudEvent, and each
 * CDEvent in it is validated against the CDEvents 0.5.1 schema of its type.
 */
class CdEventsTest {

    private static final EventFormat SDK = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private static final URI BASE = URI.create("https://registry.example.com:5443/");
    private static final RepositoryName REPO = RepositoryName.of("team/app");
    private static final Descriptor IMAGE = manifest("the image");
    private static final Descriptor SIGNATURE = manifest("its signature");
    private static final String PURL = "pkg:oci/app@sha256%3A" + IMAGE.digest().hex()
            + "?repository_url=registry.example.com:5443/team/app";
    /** An attempt's timeout that a loaded machine never reaches, so that no event arrives twice. */
    static final Duration PATIENT = Duration.ofSeconds(30);
    static final String PUBLISHED = "dev.cdevents.artifact.published.0.3.0";
    static final String SIGNED = "dev.cdevents.artifact.signed.0.3.0";
    static final String DOWNLOADED = "dev.cdevents.artifact.downloaded.0.2.0";
    static final String DELETED = "dev.cdevents.artifact.deleted.0.2.0";

    static Descriptor manifest(String content) {
        return new Descriptor(MediaTypes.OCI_MANIFEST, content.length(),
                Digest.of(content.getBytes(StandardCharsets.UTF_8)));
    }

    static EventMetadata meta(int n, String actor) {
        return new EventMetadata(Notifications.id(n), Instant.parse("2026-03-04T05:06:07.123Z").plusSeconds(n),
                new RequestRecord("req", "10.1.1.1:3333", "registry.local:5000", "PUT", "cosign/2"),
                new ActorRecord(actor), new SourceRecord("10.0.0.5:5000", "instance"));
    }

    static ManifestPushed cosignSignature(int n) {
        return new ManifestPushed(meta(n, "signer"), REPO, SIGNATURE, null, List.of(),
                new Referrer(IMAGE, Referrer.COSIGN_SIGNATURE, "MEUCIQDsig=="));
    }

    /** Nine events: four that CDEvents has a type for (pushed with a tag, signed, pulled, deleted), five not. */
    private static List<RegistryEvent> everyKind() {
        return List.of(Notifications.pushedTo(0, REPO),
                new ManifestPushed(meta(1, "ann"), REPO, IMAGE, Tag.of("v1"), List.of()),
                new ManifestPushed(meta(2, "ann"), REPO, IMAGE, null, List.of()),
                cosignSignature(3),
                new ManifestPushed(meta(4, "signer"), REPO, SIGNATURE, null, List.of(),
                        new Referrer(IMAGE, Referrer.NOTARY_SIGNATURE, "")),
                new ManifestPulled(meta(5, "bob"), REPO, IMAGE, null, List.of()),
                new TagDeleted(meta(6, "ann"), REPO, Tag.of("v1")),
                new ManifestDeleted(meta(7, ""), REPO, IMAGE.digest()),
                new RepositoryDeleted(meta(8, "ann"), REPO));
    }

    /** Delivers the events, waits until the receiver has {@code expected} of them and the rest are skipped. */
    private static List<Receiver.Request> deliver(Format format, List<RegistryEvent> events, int expected) {
        return deliver(format, 1, events, expected);
    }

    private static List<Receiver.Request> deliver(Format format, int lanes, List<RegistryEvent> events,
            int expected) {
        try (Receiver receiver = Receiver.start()) {
            EndpointConfig config = EndpointConfig.of("cd", receiver.url()).withFormat(format)
                    .withBatch(new BatchConfig(10, 1 << 20)).withMaxInFlight(lanes)
                    .withRetry(PATIENT, 10, Duration.ofSeconds(1));
            Endpoint endpoint = Endpoint.start(config, EnvelopeFormat.of(format, "unused",
                    new NotificationFactory(BASE, false)), new InMemoryQueue(100), Executors.defaultThreadFactory());
            try {
                events.forEach(endpoint::offer);
                Polling.await(expected + " CDEvents received, the others skipped", Duration.ofSeconds(20),
                        () -> cloudEvents(receiver.requests()).size() >= expected
                                && endpoint.metrics().getSkipped() == events.size() - expected
                                && endpoint.metrics().getPending() == 0);
                assertEquals(expected, endpoint.metrics().getSuccesses());
                assertEquals(events.size(), endpoint.metrics().getEvents(), "skipped events were taken");
            } finally {
                endpoint.close(Duration.ZERO);
            }
            return receiver.requests();
        }
    }

    /** @return the CloudEvents the requests carry, parsed by the SDK: one each, or as many as their arrays hold */
    private static List<CloudEvent> cloudEvents(List<Receiver.Request> requests) {
        List<CloudEvent> events = new ArrayList<>();
        for (Receiver.Request request : requests) {
            if (request.body()[0] != '[') {
                events.add(SDK.deserialize(request.body()));
                continue;
            }
            for (JsonValue event : array(request.body())) {
                events.add(SDK.deserialize(event.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return events;
    }

    private static JsonArray array(byte[] body) {
        try (var reader = Json.createReader(new java.io.ByteArrayInputStream(body))) {
            return reader.readArray();
        }
    }

    /**
     * Checks that the CloudEvent carries a CDEvent its schema accepts, whose context its own attributes repeat.
     *
     * @return the CDEvent's {@code subject}
     */
    static JsonObject assertCdEvent(CloudEvent event) {
        String data = new String(event.getData().toBytes(), StandardCharsets.UTF_8);
        assertEquals(List.of(), CdEventsSchemas.errors(event.getType(), data), data);
        JsonObject cdevent = JsonDocs.parse(data);
        JsonObject context = cdevent.getJsonObject("context");
        assertEquals("1.0", event.getSpecVersion().toString());
        assertEquals("0.5.1", context.getString("specversion"));
        assertEquals(event.getId(), context.getString("id"));
        assertEquals(event.getType(), context.getString("type"));
        assertEquals(event.getSource().toString(), context.getString("source"));
        assertEquals(event.getTime().toInstant(), Instant.parse(context.getString("timestamp")));
        assertEquals("application/json", event.getDataContentType());
        JsonObject subject = cdevent.getJsonObject("subject");
        assertEquals(event.getSubject(), subject.getString("id"));
        return subject;
    }

    @Test
    void eachArtifactEventArrivesAloneAsACdEventItsSchemaAcceptsAndTheOthersAreSkipped() {
        List<Receiver.Request> requests = deliver(Format.CDEVENTS, everyKind(), 4);
        assertEquals(4, requests.size(), "structured mode: one event per request, whatever the batch limits");
        requests.forEach(r -> assertEquals("application/cloudevents+json", r.header("Content-Type")));
        List<CloudEvent> events = cloudEvents(requests);
        assertEquals(List.of(PUBLISHED, SIGNED, DOWNLOADED, DELETED),
                events.stream().map(CloudEvent::getType).toList());
        assertEquals(List.of(Notifications.id(1), Notifications.id(3), Notifications.id(5), Notifications.id(7)),
                events.stream().map(CloudEvent::getId).toList(), "the registry events' ids");
        List<JsonObject> subjects = events.stream().map(CdEventsTest::assertCdEvent).toList();
        for (JsonObject subject : subjects) {
            assertEquals(PURL, subject.getString("id"), "the image, also for its signature: " + subject);
        }
        assertEquals("//10.0.0.5:5000", events.get(0).getSource().toString(), "the source address as a URI reference");
        assertEquals("{\"user\":\"ann\"}", subjects.get(0).getJsonObject("content").toString());
        assertEquals("{\"signature\":\"MEUCIQDsig==\"}", subjects.get(1).getJsonObject("content").toString(),
                "artifact.signed has no user");
        assertEquals("{\"user\":\"bob\"}", subjects.get(2).getJsonObject("content").toString());
        assertEquals("{}", subjects.get(3).getJsonObject("content").toString(), "an unknown actor is no user");
    }

    @Test
    void batchModeSendsArraysOfCdEvents() {
        List<RegistryEvent> events = new ArrayList<>(List.of(Notifications.pushedTo(0, REPO)));
        for (int i = 1; i <= 3; i++) {
            events.add(new ManifestPushed(meta(i, "ann"), REPO, IMAGE, Tag.of("v" + i), List.of()));
        }
        events.add(cosignSignature(4));
        List<Receiver.Request> requests = deliver(Format.CDEVENTS_BATCH, events, 4);
        for (Receiver.Request request : requests) {
            assertEquals("application/cloudevents-batch+json", request.header("Content-Type"));
            assertTrue(request.body()[0] == '[', "an array, even of one");
        }
        List<CloudEvent> received = cloudEvents(requests);
        assertEquals(List.of(PUBLISHED, PUBLISHED, PUBLISHED, SIGNED), received.stream().map(CloudEvent::getType)
                .toList());
        received.forEach(CdEventsTest::assertCdEvent);
    }

    /** With lanes, each lane acknowledges what it skipped with what it sent: the queue empties. */
    @Test
    void lanesAcknowledgeTheEventsTheySkip() {
        List<RegistryEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RepositoryName repository = RepositoryName.of("team/app" + i % 4);
            events.add(i % 2 == 0 ? Notifications.pushedTo(i, repository)
                    : new ManifestPushed(meta(i, "ann"), repository, IMAGE, Tag.of("v" + i), List.of()));
        }
        List<CloudEvent> received = cloudEvents(deliver(Format.CDEVENTS_BATCH, 3, events, 20));
        assertEquals(20, received.size());
        received.forEach(CdEventsTest::assertCdEvent);
    }

    /** The oracle bites: what CDEvents 0.5.1 does not allow, its schemas refuse. */
    @Test
    void theSchemasRefuseWhatCdEventsDoesNotAllow() {
        CdEventsFormat format = new CdEventsFormat(false, new NotificationFactory(BASE, false));
        String published = data(format.encode(new ManifestPushed(meta(1, "ann"), REPO, IMAGE, Tag.of("v1"),
                List.of())));
        String signed = data(format.encode(cosignSignature(2)));
        assertEquals(List.of(), CdEventsSchemas.errors(PUBLISHED, published));
        assertEquals(List.of(), CdEventsSchemas.errors(SIGNED, signed));
        assertFalse(CdEventsSchemas.errors(PUBLISHED, published.replace("\"ann\"", "\"\"")).isEmpty(), "empty user");
        assertFalse(CdEventsSchemas.errors(SIGNED, signed.replace("\"signature\"", "\"user\"")).isEmpty(),
                "a signature event needs its signature");
        assertFalse(CdEventsSchemas.errors(DOWNLOADED, published).isEmpty(), "a published event is no download");
        assertFalse(CdEventsSchemas.errors(PUBLISHED, published.replace("//10.0.0.5:5000", "10.0.0.5:5000"))
                .isEmpty(), "an address with a port alone is no URI reference");
    }

    private static String data(byte[] cloudEvent) {
        return JsonDocs.parse(cloudEvent).getJsonObject("data").toString();
    }
}
