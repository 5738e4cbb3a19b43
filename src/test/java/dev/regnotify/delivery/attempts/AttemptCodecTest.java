package dev.regnotify.delivery.attempts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.ManifestDeleted;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.events.TagDeleted;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.testing.Notifications;

/** An attempt's record: what is written from the events is what is read back as their summaries. */
class AttemptCodecTest {

    private static final Instant WHEN = Instant.parse("2026-12-03T14:00:00.123456789Z");

    private static EventMetadata metadata(String id) {
        return new EventMetadata(id, WHEN, new RequestRecord("req", "10.0.0.1", "registry", "DELETE", "secret-agent"),
                new ActorRecord("alice"), new SourceRecord("src", "i"));
    }

    private static Attempt attempt(List<EventSummary> events, String body) {
        return new Attempt("scanner", 7, WHEN, Duration.ofNanos(1_234_567), 3, events, 2048, 503, body,
                null, "120", Attempt.Next.RETRY, WHEN.truncatedTo(ChronoUnit.MILLIS).plusSeconds(120)); // kept in ms
    }

    private static Attempt decoded(Attempt attempt) throws IOException {
        ByteBuffer record = AttemptCodec.encode(attempt, ByteBuffer.allocate(32)).flip(); // grows
        byte[] payload = Arrays.copyOfRange(record.array(), AttemptCodec.HEADER, record.limit());
        assertTrue(AttemptCodec.intact(payload, record.getInt(4)));
        assertEquals(payload.length, record.getInt(0));
        return AttemptCodec.decode("scanner", payload);
    }

    @Test
    void theEventsFieldsAreWrittenFromTheEventsAndReadBackAsTheirSummaries() throws IOException {
        Digest manifest = Digest.parse("sha512:" + "ab".repeat(64));
        List<RegistryEvent> events = List.of(Notifications.numbered(1),
                new ManifestDeleted(metadata("deleted"), RepositoryName.of("team/app"), manifest),
                new TagDeleted(metadata("untagged"), RepositoryName.of("team/app"), Tag.of("v7")));
        Attempt made = attempt(EventSummary.of(events), "busy: ünïcode ✓");

        Attempt read = decoded(made);

        assertEquals(made, read);
        EventSummary deleted = read.events().get(1);
        assertEquals(new EventSummary("deleted", "ManifestDeleted", "delete", "team/app", manifest.toString(), WHEN),
                deleted, "a delete keeps its digest; the time to the nanosecond");
        assertNull(read.events().get(2).digest(), "a tag's delete has none");
        assertEquals(List.of(Notifications.id(1), "deleted", "untagged"), read.eventIds());
        assertEquals("busy: ünïcode ✓", read.body());
    }

    @Test
    void summariesReadFromAnotherRecordAreWrittenAsTheyAre() throws IOException {
        Attempt first = decoded(attempt(EventSummary.of(List.of(Notifications.numbered(1))), ""));
        assertEquals(first, decoded(first));
    }

    @Test
    void summariesMadeByHandArePackedAndFoundByTheirIdsBytes() throws IOException {
        EventSummary made = new EventSummary("ünï-✓", "ManifestPushed", "push", "team/app", null, WHEN);
        Attempt read = decoded(attempt(List.of(made), ""));
        assertEquals(List.of(made), read.events());
        assertTrue(read.carries("ünï-✓"));
        assertFalse(read.carries("ünï"));
        ByteBuffer entries = SegmentIndex.entries(ByteBuffer.allocate(0), read, 7).flip();
        assertEquals(AttemptCodec.hash("ünï-✓"), entries.getLong(0), "the index hashes the id as a lookup does");
    }

    @Test
    void recordsAppendedToOneBufferThatGrowsKeepWhatWasBeforeThem() throws IOException {
        Attempt first = attempt(EventSummary.of(List.of(Notifications.numbered(1))), "a");
        Attempt second = attempt(EventSummary.of(List.of(Notifications.numbered(2), Notifications.numbered(3))),
                "b".repeat(5000));
        ByteBuffer both = AttemptCodec.encode(second, AttemptCodec.encode(first, ByteBuffer.allocate(64))).flip();
        List<SegmentRecords.Found> found = new ArrayList<>();
        for (int at = 0; at < both.limit(); ) {
            byte[] payload = Arrays.copyOfRange(both.array(), at + AttemptCodec.HEADER,
                    at + AttemptCodec.HEADER + both.getInt(at));
            assertTrue(AttemptCodec.intact(payload, both.getInt(at + 4)));
            found.add(new SegmentRecords.Found(at, payload));
            at += AttemptCodec.HEADER + payload.length;
        }
        assertEquals(2, found.size());
        assertEquals(first, AttemptCodec.decode("scanner", found.get(0).payload()));
        assertEquals(second, AttemptCodec.decode("scanner", found.get(1).payload()));
    }

    @Test
    void aRecordOfAnotherVersionOrCutShortIsNotAnAttempt() {
        ByteBuffer record = AttemptCodec.encode(attempt(EventSummary.of(List.of(Notifications.numbered(1))), "x"),
                ByteBuffer.allocate(4096)).flip();
        byte[] payload = Arrays.copyOfRange(record.array(), AttemptCodec.HEADER, record.limit());
        assertThrows(IOException.class, () -> AttemptCodec.decode("scanner",
                Arrays.copyOf(payload, payload.length - 5)));
        payload[0] = 1;
        IOException old = assertThrows(IOException.class, () -> AttemptCodec.decode("scanner", payload));
        assertTrue(old.getMessage().contains("version 1"), old.getMessage());
    }
}
