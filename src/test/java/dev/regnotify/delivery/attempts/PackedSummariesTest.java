package dev.regnotify.delivery.attempts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.BlobPulled;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.ManifestDeleted;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RepositoryDeleted;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.events.TagDeleted;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;

class PackedSummariesTest {

    private static EventMetadata meta(String id, Instant time) {
        return new EventMetadata(id, time, new RequestRecord("r", "", "", "GET", "test"), ActorRecord.ANONYMOUS,
                new SourceRecord("s", "i"));
    }

    private static List<RegistryEvent> events() {
        RepositoryName repository = RepositoryName.of("team/app-1");
        RepositoryName longName = RepositoryName.of("a".repeat(60) + "/" + "b-c".repeat(30) + "/d__e.f");
        Digest sha512 = new Digest(Digest.SHA512, "0123456789abcdef".repeat(8));
        return List.of(
                new BlobPulled(meta("6a5e7c1e-2f0b-4e59-9d55-000000000001", Instant.parse("2026-12-03T12:00:00Z")),
                        repository, new Descriptor("application/octet-stream", 12, Digest.of(new byte[] {1}))),
                new ManifestDeleted(meta("id é ñ 中 \uD83D\uDE00", Instant.ofEpochSecond(1, 999_999_999)), longName,
                        sha512),
                new TagDeleted(meta("", Instant.EPOCH), repository, Tag.of("v1")),
                new RepositoryDeleted(meta("x", Instant.parse("1999-12-31T23:59:59.5Z")), longName));
    }

    @Test
    void eachEventReadsBackAsItsSummary() {
        List<RegistryEvent> events = events();
        PackedSummaries packed = PackedSummaries.of(events);
        for (int i = 0; i < events.size(); i++) {
            assertEquals(EventSummary.of(events.get(i)), packed.get(i));
        }
    }

    @Test
    void eventsArePackedAsTheirSummariesAre() {
        List<RegistryEvent> events = events();
        List<EventSummary> summaries = new ArrayList<>();
        for (RegistryEvent event : events) {
            summaries.add(EventSummary.of(event));
        }
        assertArrayEquals(bytes(PackedSummaries.pack(summaries)), bytes(PackedSummaries.of(events)));
    }

    private static byte[] bytes(PackedSummaries packed) {
        ByteBuffer out = packed.writeTo(ByteBuffer.allocate(64 * 1024));
        return Arrays.copyOf(out.array(), out.position());
    }
}
