package dev.regnotify.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.BlobMounted;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.ManifestDeleted;
import dev.regnotify.events.ManifestPulled;
import dev.regnotify.events.ManifestPushed;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RepositoryDeleted;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.events.TagDeleted;
import dev.regnotify.events.TraceContext;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.Referrer;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.testing.Notifications;

/** The record format that the journal keeps on disk and the broker carries: old records must read forever. */
class EventRecordsTest {

    @Test
    void everyEventKindSurvivesTheRecordFormat() {
        EventMetadata meta = new EventMetadata("id-1", Instant.parse("2026-01-02T03:04:05.123456789Z"),
                new RequestRecord("r", "1.2.3.4:5", "h:5000", "PUT", "ua"), new ActorRecord("ann"),
                new SourceRecord("src:1", "inst"));
        RepositoryName repo = RepositoryName.of("a/b");
        Descriptor d = new Descriptor("application/vnd.oci.image.manifest.v1+json", 42, Digest.of(new byte[] {1}));
        List<RegistryEvent> events = List.of(new ManifestPushed(meta, repo, d, Tag.of("v1"), List.of(d, d)),
                new ManifestPulled(meta, repo, d, null, List.of()), new ManifestDeleted(meta, repo, d.digest()),
                Notifications.of(1, "push", "a/b"), Notifications.of(2, "pull", "a/b"),
                new BlobMounted(meta, repo, d, RepositoryName.of("c")), Notifications.of(3, "delete", ""),
                new TagDeleted(meta, repo, Tag.of("t")), new RepositoryDeleted(meta, repo));
        for (RegistryEvent event : events) {
            assertEquals(event, EventRecords.decode(EventRecords.encode(event)));
        }
    }

    /** A record written by version 1 of the format (before strings could exceed 64 KiB), as it was written. */
    private static final String VERSION_1_RECORD =
            "0100000569642d763100000000695735a5075bcd150001720009312e322e332e343a350006683a3530303000035055540005" +
            "756120c3a90003616e6e00057372633a310004696e73740003612f62002a6170706c69636174696f6e2f766e642e6f63692e" +
            "696d6167652e6d616e69666573742e76312b6a736f6e000000000000002a00477368613235363a3462663531323266333434" +
            "3535346335336264653265626238636432623765336431363030616436333163333835613564376363653233633737383534" +
            "3539610002763100000001002a6170706c69636174696f6e2f766e642e6f63692e696d6167652e6d616e69666573742e7631" +
            "2b6a736f6e000000000000002a00477368613235363a34626635313232663334343535346335336264653265626238636432" +
            "623765336431363030616436333163333835613564376363653233633737383534353961";

    /** A record of version 2, as the journal wrote it before the format moved to a package of its own. */
    private static final String VERSION_2_RECORD =
            "02000569642d763200000000695735a5075bcd15017209312e322e332e343a3506683a353030300350555405756120c3a903" +
            "616e6e057372633a3104696e737403612f622a6170706c69636174696f6e2f766e642e6f63692e696d6167652e6d616e6966" +
            "6573742e76312b6a736f6e000000000000002a477368613235363a3462663531323266333434353534633533626465326562" +
            "6238636432623765336431363030616436333163333835613564376363653233633737383534353961027631000000012a61" +
            "70706c69636174696f6e2f766e642e6f63692e696d6167652e6d616e69666573742e76312b6a736f6e000000000000002a47" +
            "7368613235363a34626635313232663334343535346335336264653265626238636432623765336431363030616436333163" +
            "333835613564376363653233633737383534353961";

    @Test
    void recordsOfTheFirstFormatAreStillRead() {
        EventMetadata meta = new EventMetadata("id-v1", Instant.parse("2026-01-02T03:04:05.123456789Z"),
                new RequestRecord("r", "1.2.3.4:5", "h:5000", "PUT", "ua \u00e9"), new ActorRecord("ann"),
                new SourceRecord("src:1", "inst"));
        Descriptor d = new Descriptor("application/vnd.oci.image.manifest.v1+json", 42, Digest.of(new byte[] {1}));
        assertEquals(new ManifestPushed(meta, RepositoryName.of("a/b"), d, Tag.of("v1"), List.of(d)),
                EventRecords.decode(HexFormat.of().parseHex(VERSION_1_RECORD)));
    }

    @Test
    void recordsOfTheSecondFormatAreWrittenAndReadByteForByte() {
        EventMetadata meta = new EventMetadata("id-v2", Instant.parse("2026-01-02T03:04:05.123456789Z"),
                new RequestRecord("r", "1.2.3.4:5", "h:5000", "PUT", "ua \u00e9"), new ActorRecord("ann"),
                new SourceRecord("src:1", "inst"));
        Descriptor d = new Descriptor("application/vnd.oci.image.manifest.v1+json", 42, Digest.of(new byte[] {1}));
        RegistryEvent event = new ManifestPushed(meta, RepositoryName.of("a/b"), d, Tag.of("v1"), List.of(d));
        assertEquals(VERSION_2_RECORD, HexFormat.of().formatHex(EventRecords.encode(event)));
        assertEquals(event, EventRecords.decode(HexFormat.of().parseHex(VERSION_2_RECORD)));
    }

    @Test
    void aRecordOfTheSecondFormatCarriesNoTrace() {
        RegistryEvent event = EventRecords.decode(HexFormat.of().parseHex(VERSION_2_RECORD));
        assertEquals(TraceContext.NONE, event.trace());
    }

    private static final TraceContext TRACE = new TraceContext(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "rojo=00f067aa0ba902b7");

    /**
     * A traced event: version 2, with the trace context in an extension (tag 2, its length, traceparent and
     * tracestate) after the type's fields.
     */
    private static final String TRACED_RECORD = "02070869642d747261636500000000695735a5075bcd15000000000000000003612f620576322e3130024e3730302d34"
            + "626639326633353737623334646136613363653932396430653065343733362d30306630363761613062613930326237"
            + "2d303115726f6a6f3d30306630363761613062613930326237";

    @Test
    void aTraceContextFollowsWhatAReaderOf03ReadsSoThatItStillReadsTheRecord() {
        EventMetadata traced = new EventMetadata("id-trace", Instant.parse("2026-01-02T03:04:05.123456789Z"),
                RequestRecord.EMPTY, ActorRecord.ANONYMOUS, new SourceRecord("", ""), TRACE);
        RegistryEvent event = new TagDeleted(traced, RepositoryName.of("a/b"), Tag.of("v2.10"));
        byte[] record = EventRecords.encode(event);
        assertEquals(TRACED_RECORD, HexFormat.of().formatHex(record));
        assertEquals(event, EventRecords.decode(record));

        RegistryEvent untraced = new TagDeleted(new EventMetadata(traced.id(), traced.timestamp(), traced.request(),
                traced.actor(), traced.source()), event.repository(), Tag.of("v2.10"));
        byte[] plain = EventRecords.encode(untraced);
        assertEquals(HexFormat.of().formatHex(plain), HexFormat.of().formatHex(Arrays.copyOf(record, plain.length)),
                "a reader of 0.3 reads the fields of a record without trace and stops there, as it always did");
    }

    @Test
    void anExtensionOfALaterReleaseIsSkippedAndACutOneIsRefused() {
        byte[] record = EventRecords.encode(new TagDeleted(new EventMetadata("id-x", Instant.EPOCH,
                RequestRecord.EMPTY, ActorRecord.ANONYMOUS, new SourceRecord("", ""), TRACE),
                RepositoryName.of("a/b"), Tag.of("t")));
        byte[] later = Arrays.copyOf(record, record.length + 4);
        System.arraycopy(new byte[] {9, 2, 'h', 'i'}, 0, later, record.length, 4);
        assertEquals(EventRecords.decode(record), EventRecords.decode(later));

        byte[] cut = Arrays.copyOf(record, record.length - 1);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> EventRecords.decode(cut));
        assertTrue(refused.getMessage().contains("longer than the record"), refused.getMessage());
    }

    @Test
    void everyEventKindKeepsItsTrace() {
        EventMetadata meta = new EventMetadata("id-t", Instant.EPOCH, RequestRecord.EMPTY, ActorRecord.ANONYMOUS,
                new SourceRecord("", ""), new TraceContext(TRACE.traceparent(), ""));
        RepositoryName repo = RepositoryName.of("a/b");
        Descriptor d = new Descriptor("application/vnd.oci.image.manifest.v1+json", 42, Digest.of(new byte[] {1}));
        List<RegistryEvent> events = List.of(new ManifestPushed(meta, repo, d, Tag.of("v1"), List.of(d)),
                new ManifestPulled(meta, repo, d, null, List.of()), new ManifestDeleted(meta, repo, d.digest()),
                new BlobMounted(meta, repo, d, RepositoryName.of("c")), new TagDeleted(meta, repo, Tag.of("t")),
                new RepositoryDeleted(meta, repo));
        for (RegistryEvent event : events) {
            RegistryEvent read = EventRecords.decode(EventRecords.encode(event));
            assertEquals(event, read);
            assertEquals(TRACE.traceparent(), read.trace().traceparent());
        }
    }

    @Test
    void aReferrerSurvivesTheRecordFormatAndARecordEndingAfterTheReferencesHasNone() {
        EventMetadata meta = new EventMetadata("id-sig", Instant.parse("2026-01-02T03:04:05Z"),
                new RequestRecord("r", "", "", "PUT", "cosign"), new ActorRecord("ann"), new SourceRecord("", ""));
        Descriptor signature = new Descriptor(MediaTypes.OCI_MANIFEST, 9, Digest.of(new byte[] {2}));
        Descriptor subject = new Descriptor(MediaTypes.OCI_MANIFEST, 8, Digest.of(new byte[] {3}));
        Referrer referrer = new Referrer(subject, Referrer.COSIGN_SIGNATURE, "MEUCIQ==");
        ManifestPushed pushed = new ManifestPushed(meta, RepositoryName.of("a/b"), signature, null, List.of(),
                referrer);
        byte[] record = EventRecords.encode(pushed);
        assertEquals(pushed, EventRecords.decode(record));
        ManifestPushed without = new ManifestPushed(meta, RepositoryName.of("a/b"), signature, null, List.of());
        byte[] plain = EventRecords.encode(without);
        assertEquals(HexFormat.of().formatHex(plain), HexFormat.of().formatHex(Arrays.copyOf(record, plain.length)),
                "the referrer only follows what a record without one holds, which a reader of 0.3 reads alone");
        assertEquals(without, EventRecords.decode(plain));
    }

    @Test
    void aTracedSignaturePushKeepsItsTraceAndItsReferrer() {
        EventMetadata meta = new EventMetadata("id-both", Instant.EPOCH, RequestRecord.EMPTY, ActorRecord.ANONYMOUS,
                new SourceRecord("", ""), TRACE);
        Descriptor signature = new Descriptor(MediaTypes.OCI_MANIFEST, 9, Digest.of(new byte[] {2}));
        Referrer referrer = new Referrer(new Descriptor(MediaTypes.OCI_MANIFEST, 8, Digest.of(new byte[] {3})),
                Referrer.COSIGN_SIGNATURE, "MEUCIQ==");
        ManifestPushed pushed = new ManifestPushed(meta, RepositoryName.of("a/b"), signature, null, List.of(),
                referrer);
        byte[] record = EventRecords.encode(pushed);
        assertEquals(2, record[0], "the record's version");
        ManifestPushed read = (ManifestPushed) EventRecords.decode(record);
        assertEquals(pushed, read);
        assertEquals(TRACE, read.trace());
        assertEquals(referrer, read.referrer());
    }

    @Test
    void stringsOfAnyLengthSurviveTheRecordFormat() {
        String userAgent = "\u00e9".repeat(70_000);
        RegistryEvent event = new RepositoryDeleted(new EventMetadata("id-long", Instant.EPOCH,
                new RequestRecord("r", "", "", "DELETE", userAgent), ActorRecord.ANONYMOUS,
                new SourceRecord("", "")), RepositoryName.of("a/b"));
        assertEquals(event, EventRecords.decode(EventRecords.encode(event)));
    }

    /**
     * A record cut short or with any byte changed is refused with an IllegalArgumentException, or read as some event:
     * nothing else escapes (a corrupt count must not ask for gigabytes), in both formats.
     */
    @Test
    void aRecordIsReadWhereItLiesWithinALargerArray() {
        byte[] record = HexFormat.of().parseHex(VERSION_2_RECORD);
        byte[] around = new byte[record.length + 20];
        Arrays.fill(around, (byte) 0x7F);
        System.arraycopy(record, 0, around, 7, record.length);
        assertEquals(EventRecords.decode(record), EventRecords.decode(around, 7, record.length));
        // a range cut short is a record cut short, and one beyond the array is the caller's error
        assertThrows(IllegalArgumentException.class, () -> EventRecords.decode(around, 7, record.length - 1));
        assertThrows(IndexOutOfBoundsException.class, () -> EventRecords.decode(around, 21, record.length));
    }

    @Test
    void stringsOutsideAsciiAreWrittenAsTheirUtf8() {
        String text = "caf\u00e9 \u2603 \ud834\udd1e";
        EventMetadata meta = new EventMetadata("id-\u00fc", Instant.parse("2026-01-02T03:04:05Z"),
                new RequestRecord("r", "", "", "PUT", text), new ActorRecord(text), new SourceRecord("", ""));
        RegistryEvent event = new TagDeleted(meta, RepositoryName.of("a/b"), Tag.of("v1"));
        byte[] record = EventRecords.encode(event);
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] field = new byte[utf8.length + 1];
        field[0] = (byte) utf8.length; // under 128: a varint of one byte
        System.arraycopy(utf8, 0, field, 1, utf8.length);
        String hex = HexFormat.of().formatHex(record);
        assertEquals(2, hex.split(HexFormat.of().formatHex(field), -1).length - 1, "the user agent and the actor");
        assertEquals(event, EventRecords.decode(record));
    }

    @Test
    void everyVariedEventSurvivesTheRecordFormat() {
        dev.regnotify.testing.VariedEvents varied = new dev.regnotify.testing.VariedEvents(28);
        for (int n = 0; n < 2_000; n++) {
            RegistryEvent event = varied.event(n);
            assertEquals(event, EventRecords.decode(EventRecords.encode(event)));
        }
    }

    @Test
    void aCorruptRecordIsRefusedAsUnreadable() {
        for (String hex : List.of(VERSION_1_RECORD, VERSION_2_RECORD)) {
            byte[] record = HexFormat.of().parseHex(hex);
            for (int length = 0; length < record.length; length++) {
                byte[] cut = Arrays.copyOf(record, length);
                assertThrows(IllegalArgumentException.class, () -> EventRecords.decode(cut), "cut at " + length);
            }
            for (int at = 0; at < record.length; at++) {
                for (int value : new int[] {0x00, 0x7F, 0x80, 0xFF}) {
                    byte[] changed = record.clone();
                    changed[at] = (byte) value;
                    try {
                        EventRecords.decode(changed);
                    } catch (IllegalArgumentException e) {
                        // refused, as it should be
                    } catch (Throwable e) {
                        throw new AssertionError("byte " + at + " set to " + value + ": " + e, e);
                    }
                }
            }
        }
    }
}
