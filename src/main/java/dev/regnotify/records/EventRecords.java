package dev.regnotify.records;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.BlobDeleted;
import dev.regnotify.events.BlobMounted;
import dev.regnotify.events.BlobPulled;
import dev.regnotify.events.BlobPushed;
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
import dev.regnotify.registry.Referrer;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;

/**
 * Registry events as records: a compact binary form, independent of any endpoint's wire shape, so that one record
 * serves every endpoint: a version byte, a type byte, the metadata, then the type's fields. The journal keeps them on
 * disk and the broker carries them, so the bytes never change for a version: records written by an older release
 * are read by a newer one. Version 2 writes each string as its UTF-8 length (a variable-length integer) and bytes, so
 * a string of any length fits (a request's user agent can be longer than 64 KiB); version 1, which wrote Java's
 * modified UTF-8 with a 2-byte length, is read.
 *
 * <p>Since 0.4 a version 2 record may end with extensions, each a tag byte, its length and its bytes: the referrer of
 * a manifest push ({@value #REFERRER}) and the event's trace context ({@value #TRACE}). A reader of 0.3 stops after
 * the type's fields and never sees them, so it still reads every record this one writes (behind a broker, either
 * side of a rolling upgrade may go first); a record without them has none; and a reader skips a tag it does not
 * know, so a later release may add one the same way.
 *
 * @since 0.3
 */
public final class EventRecords {

    private static final int VERSION_1 = 1;
    private static final int VERSION_2 = 2;
    /** The extension holding a manifest push's referrer: its subject, artifact type and signature. */
    static final int REFERRER = 1;
    /** The extension holding the event's trace context: its {@code traceparent} and {@code tracestate}. */
    static final int TRACE = 2;
    // a record's type byte is the index here: append only, never reorder
    private static final List<Class<?>> TYPES = List.of(ManifestPushed.class, ManifestPulled.class,
            ManifestDeleted.class, BlobPushed.class, BlobPulled.class, BlobMounted.class, BlobDeleted.class,
            TagDeleted.class, RepositoryDeleted.class);

    private EventRecords() {
    }

    /**
     * @param event a registry event
     * @return its record
     */
    public static byte[] encode(RegistryEvent event) {
        // the demo's manifest push (request, two references) takes about 490 bytes: growing was a tenth of the
        // journal's appends (JFR)
        RecordOutput out = new RecordOutput(1024);
        EventMetadata m = event.metadata();
        out.writeByte(VERSION_2);
        out.writeByte(typeOf(event));
        out.writeText(m.id());
        out.writeLong(m.timestamp().getEpochSecond());
        out.writeInt(m.timestamp().getNano());
        RequestRecord r = m.request();
        out.writeText(r.id());
        out.writeText(r.addr());
        out.writeText(r.host());
        out.writeText(r.method());
        out.writeText(r.useragent());
        out.writeText(m.actor().name());
        out.writeText(m.source().addr());
        out.writeText(m.source().instanceID());
        out.writeText(event.repository().value());
        writeFields(out, event);
        if (event instanceof ManifestPushed pushed && pushed.referrer() != null) {
            Referrer referrer = pushed.referrer();
            RecordOutput body = new RecordOutput(192);
            writeDescriptor(body, referrer.subject());
            body.writeText(referrer.artifactType());
            body.writeText(referrer.signature());
            out.writeByte(REFERRER);
            out.writeField(body);
        }
        if (m.trace().isPresent()) {
            RecordOutput body = new RecordOutput(128);
            body.writeText(m.trace().traceparent());
            body.writeText(m.trace().tracestate());
            out.writeByte(TRACE);
            out.writeField(body);
        }
        return out.toByteArray();
    }

    /**
     * @param record a record from {@link #encode}
     * @return the event
     * @throws IllegalArgumentException if the record is not one
     */
    public static RegistryEvent decode(byte[] record) {
        return decode(record, 0, record.length);
    }

    /**
     * Reads a record where it lies within a larger array (a batch of them), without copying it out.
     *
     * @param bytes what holds the record
     * @param from where it starts
     * @param length its length
     * @return the event
     * @throws IllegalArgumentException if those bytes are not a record
     * @throws IndexOutOfBoundsException if the range is not within the array
     * @since 0.4
     */
    public static RegistryEvent decode(byte[] bytes, int from, int length) {
        Objects.checkFromIndexSize(from, length, bytes.length);
        try {
            RecordInput in = new RecordInput(bytes, from, from + length);
            int version = in.readUnsignedByte();
            if (version != VERSION_1 && version != VERSION_2) {
                throw new IllegalArgumentException("event record version " + version + " is not " + VERSION_1
                        + " or " + VERSION_2);
            }
            Text text = version == VERSION_1 ? RecordInput::readUtf : RecordInput::readText;
            int type = in.readUnsignedByte();
            String id = text.read(in);
            Instant timestamp = Instant.ofEpochSecond(in.readLong(), in.readInt());
            RequestRecord request = new RequestRecord(text.read(in), text.read(in), text.read(in), text.read(in),
                    text.read(in));
            ActorRecord actor = new ActorRecord(text.read(in));
            SourceRecord source = new SourceRecord(text.read(in), text.read(in));
            RepositoryName repository = RepositoryName.of(text.read(in));
            Fields fields = readFields(in, text, type, repository);
            Referrer referrer = null;
            TraceContext trace = TraceContext.NONE;
            while (in.available() > 0) {
                int tag = in.readUnsignedByte();
                RecordInput extension = in.readField();
                if (tag == REFERRER) {
                    referrer = new Referrer(readDescriptor(extension, text), text.read(extension),
                            text.read(extension));
                } else if (tag == TRACE) {
                    trace = new TraceContext(text.read(extension), text.read(extension));
                } // a later release's extension: skipped
            }
            return fields.event(new EventMetadata(id, timestamp, request, actor, source, trace), referrer);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable event record: " + e, e);
        }
    }

    private static int typeOf(RegistryEvent event) {
        return TYPES.indexOf(event.getClass());
    }

    private static void writeFields(RecordOutput out, RegistryEvent event) {
        if (event instanceof ManifestPushed e) {
            writeManifest(out, e.descriptor(), e.tag(), e.references());
        } else if (event instanceof ManifestPulled e) {
            writeManifest(out, e.descriptor(), e.tag(), e.references());
        } else if (event instanceof ManifestDeleted e) {
            writeDigest(out, e.digest());
        } else if (event instanceof BlobPushed e) {
            writeDescriptor(out, e.descriptor());
        } else if (event instanceof BlobPulled e) {
            writeDescriptor(out, e.descriptor());
        } else if (event instanceof BlobMounted e) {
            writeDescriptor(out, e.descriptor());
            out.writeText(e.fromRepository().value());
        } else if (event instanceof BlobDeleted e) {
            writeDigest(out, e.digest());
        } else if (event instanceof TagDeleted e) {
            out.writeText(e.tag().value());
        }
    }

    /** A type's fields, read before the extensions that complete its event. */
    private interface Fields {
        RegistryEvent event(EventMetadata metadata, Referrer referrer);
    }

    private static Fields readFields(RecordInput in, Text text, int type, RepositoryName repo)
            throws IOException {
        switch (type) {
            case 0, 1 -> {
                Descriptor descriptor = readDescriptor(in, text);
                Tag tag = readTag(in, text);
                List<Descriptor> references = readDescriptors(in, text);
                return type == 0 ? (m, referrer) -> new ManifestPushed(m, repo, descriptor, tag, references, referrer)
                        : (m, referrer) -> new ManifestPulled(m, repo, descriptor, tag, references);
            }
            case 2 -> {
                Digest digest = Digest.parse(text.read(in));
                return (m, referrer) -> new ManifestDeleted(m, repo, digest);
            }
            case 3, 4 -> {
                Descriptor descriptor = readDescriptor(in, text);
                return type == 3 ? (m, referrer) -> new BlobPushed(m, repo, descriptor)
                        : (m, referrer) -> new BlobPulled(m, repo, descriptor);
            }
            case 5 -> {
                Descriptor descriptor = readDescriptor(in, text);
                RepositoryName from = RepositoryName.of(text.read(in));
                return (m, referrer) -> new BlobMounted(m, repo, descriptor, from);
            }
            case 6 -> {
                Digest digest = Digest.parse(text.read(in));
                return (m, referrer) -> new BlobDeleted(m, repo, digest);
            }
            case 7 -> {
                Tag tag = Tag.of(text.read(in));
                return (m, referrer) -> new TagDeleted(m, repo, tag);
            }
            case 8 -> {
                return (m, referrer) -> new RepositoryDeleted(m, repo);
            }
            default -> throw new IllegalArgumentException("unknown event type " + type);
        }
    }

    private static void writeManifest(RecordOutput out, Descriptor descriptor, Tag tag, List<Descriptor> references) {
        writeDescriptor(out, descriptor);
        out.writeText(tag == null ? "" : tag.value());
        out.writeInt(references.size());
        for (Descriptor reference : references) {
            writeDescriptor(out, reference);
        }
    }

    private static void writeDescriptor(RecordOutput out, Descriptor d) {
        out.writeText(d.mediaType());
        out.writeLong(d.size());
        writeDigest(out, d.digest());
    }

    private static void writeDigest(RecordOutput out, Digest digest) {
        out.writeJoined(digest.algorithm(), ':', digest.hex());
    }

    private static Descriptor readDescriptor(RecordInput in, Text text) throws IOException {
        return new Descriptor(text.read(in), in.readLong(), Digest.parse(text.read(in)));
    }

    private static Tag readTag(RecordInput in, Text text) throws IOException {
        String tag = text.read(in);
        return tag.isEmpty() ? null : Tag.of(tag);
    }

    private static List<Descriptor> readDescriptors(RecordInput in, Text text) throws IOException {
        int count = in.readInt();
        // each descriptor holds a size of 8 bytes at least: a corrupt count must not ask for gigabytes
        if (count < 0 || count > in.available() / Long.BYTES) {
            throw new IOException(count + " descriptors cannot fit in the " + in.available() + " bytes left");
        }
        List<Descriptor> descriptors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            descriptors.add(readDescriptor(in, text));
        }
        return descriptors;
    }

    /** How a record's version reads a string. */
    private interface Text {
        String read(RecordInput in) throws IOException;
    }
}
