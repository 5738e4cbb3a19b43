package dev.regnotify.records;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
 * modified UTF-8 with a 2-byte length, is read. A manifest push's record ends with its referrer (subject, artifact
 * type, signature) when it has one, since 0.4 and within version 2: a reader of 0.3 stops after the references and
 * never sees it, and a record that ends there has none, so neither release misreads the other's records. Version 3
 * is version 2 with the event's trace context (its {@code traceparent} and {@code tracestate}) after the repository;
 * it is written only for an event that has one, so that a release before it still reads the records of events
 * without one (all of them, unless tracing is used).
 *
 * @since 0.3
 */
public final class EventRecords {

    private static final int VERSION_1 = 1;
    private static final int VERSION_2 = 2;
    private static final int VERSION_3 = 3;
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(384);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            EventMetadata m = event.metadata();
            out.writeByte(m.trace().isPresent() ? VERSION_3 : VERSION_2);
            out.writeByte(typeOf(event));
            writeText(out, m.id());
            out.writeLong(m.timestamp().getEpochSecond());
            out.writeInt(m.timestamp().getNano());
            RequestRecord r = m.request();
            for (String field : new String[] {r.id(), r.addr(), r.host(), r.method(), r.useragent(), m.actor().name(),
                m.source().addr(), m.source().instanceID(), event.repository().value()}) {
                writeText(out, field);
            }
            if (m.trace().isPresent()) {
                writeText(out, m.trace().traceparent());
                writeText(out, m.trace().tracestate());
            }
            writeFields(out, event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen in memory", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param record a record from {@link #encode}
     * @return the event
     * @throws IllegalArgumentException if the record is not one
     */
    public static RegistryEvent decode(byte[] record) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            int version = in.readUnsignedByte();
            if (version < VERSION_1 || version > VERSION_3) {
                throw new IllegalArgumentException("event record version " + version + " is not one of " + VERSION_1
                        + " to " + VERSION_3);
            }
            Text text = version == VERSION_1 ? input -> input.readUTF() : EventRecords::readText;
            int type = in.readUnsignedByte();
            String id = text.read(in);
            Instant timestamp = Instant.ofEpochSecond(in.readLong(), in.readInt());
            RequestRecord request = new RequestRecord(text.read(in), text.read(in), text.read(in), text.read(in),
                    text.read(in));
            ActorRecord actor = new ActorRecord(text.read(in));
            SourceRecord source = new SourceRecord(text.read(in), text.read(in));
            RepositoryName repository = RepositoryName.of(text.read(in));
            TraceContext trace = version == VERSION_3 ? new TraceContext(text.read(in), text.read(in))
                    : TraceContext.NONE;
            EventMetadata meta = new EventMetadata(id, timestamp, request, actor, source, trace);
            return readFields(in, text, type, meta, repository);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable event record: " + e, e);
        }
    }

    private static int typeOf(RegistryEvent event) {
        return TYPES.indexOf(event.getClass());
    }

    private static void writeFields(DataOutputStream out, RegistryEvent event) throws IOException {
        if (event instanceof ManifestPushed e) {
            writeManifest(out, e.descriptor(), e.tag(), e.references());
            writeReferrer(out, e.referrer());
        } else if (event instanceof ManifestPulled e) {
            writeManifest(out, e.descriptor(), e.tag(), e.references());
        } else if (event instanceof ManifestDeleted e) {
            writeText(out, e.digest().toString());
        } else if (event instanceof BlobPushed e) {
            writeDescriptor(out, e.descriptor());
        } else if (event instanceof BlobPulled e) {
            writeDescriptor(out, e.descriptor());
        } else if (event instanceof BlobMounted e) {
            writeDescriptor(out, e.descriptor());
            writeText(out, e.fromRepository().value());
        } else if (event instanceof BlobDeleted e) {
            writeText(out, e.digest().toString());
        } else if (event instanceof TagDeleted e) {
            writeText(out, e.tag().value());
        }
    }

    private static RegistryEvent readFields(DataInputStream in, Text text, int type, EventMetadata m,
            RepositoryName repo) throws IOException {
        return switch (type) {
            case 0 -> new ManifestPushed(m, repo, readDescriptor(in, text), readTag(in, text),
                    readDescriptors(in, text), readReferrer(in, text));
            case 1 -> new ManifestPulled(m, repo, readDescriptor(in, text), readTag(in, text),
                    readDescriptors(in, text));
            case 2 -> new ManifestDeleted(m, repo, Digest.parse(text.read(in)));
            case 3 -> new BlobPushed(m, repo, readDescriptor(in, text));
            case 4 -> new BlobPulled(m, repo, readDescriptor(in, text));
            case 5 -> new BlobMounted(m, repo, readDescriptor(in, text), RepositoryName.of(text.read(in)));
            case 6 -> new BlobDeleted(m, repo, Digest.parse(text.read(in)));
            case 7 -> new TagDeleted(m, repo, Tag.of(text.read(in)));
            case 8 -> new RepositoryDeleted(m, repo);
            default -> throw new IllegalArgumentException("unknown event type " + type);
        };
    }

    private static void writeManifest(DataOutputStream out, Descriptor descriptor, Tag tag,
            List<Descriptor> references) throws IOException {
        writeDescriptor(out, descriptor);
        writeText(out, tag == null ? "" : tag.value());
        out.writeInt(references.size());
        for (Descriptor reference : references) {
            writeDescriptor(out, reference);
        }
    }

    private static void writeReferrer(DataOutputStream out, Referrer referrer) throws IOException {
        if (referrer != null) {
            writeDescriptor(out, referrer.subject());
            writeText(out, referrer.artifactType());
            writeText(out, referrer.signature());
        }
    }

    /** @return the referrer the record ends with, or null if it ends after the references */
    private static Referrer readReferrer(DataInputStream in, Text text) throws IOException {
        if (in.available() == 0) {
            return null;
        }
        return new Referrer(readDescriptor(in, text), text.read(in), text.read(in));
    }

    private static void writeDescriptor(DataOutputStream out, Descriptor d) throws IOException {
        writeText(out, d.mediaType());
        out.writeLong(d.size());
        writeText(out, d.digest().toString());
    }

    private static Descriptor readDescriptor(DataInputStream in, Text text) throws IOException {
        return new Descriptor(text.read(in), in.readLong(), Digest.parse(text.read(in)));
    }

    private static Tag readTag(DataInputStream in, Text text) throws IOException {
        String tag = text.read(in);
        return tag.isEmpty() ? null : Tag.of(tag);
    }

    private static List<Descriptor> readDescriptors(DataInputStream in, Text text) throws IOException {
        int count = in.readInt();
        List<Descriptor> descriptors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            descriptors.add(readDescriptor(in, text));
        }
        return descriptors;
    }

    /** How a record's version reads a string. */
    private interface Text {
        String read(DataInputStream in) throws IOException;
    }

    private static void writeText(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int length = bytes.length;
        while ((length & ~0x7F) != 0) {
            out.writeByte((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        out.writeByte(length);
        out.write(bytes);
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift > 28) {
                throw new IOException("a string length takes more than 5 bytes");
            }
            int b = in.readUnsignedByte();
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (length < 0 || length > in.available()) {
            throw new IOException("a string of " + length + " bytes is longer than the record");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
