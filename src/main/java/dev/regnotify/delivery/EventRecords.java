package dev.regnotify.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;

/**
 * Registry events as journal records: a compact binary form, independent of any endpoint's wire shape, so that one
 * record serves every endpoint. Version 1: a version byte, a type byte, the metadata, then the type's fields.
 *
 * @since 0.1
 */
public final class EventRecords {

    private static final int VERSION = 1;
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
            out.writeByte(VERSION);
            out.writeByte(typeOf(event));
            EventMetadata m = event.metadata();
            out.writeUTF(m.id());
            out.writeLong(m.timestamp().getEpochSecond());
            out.writeInt(m.timestamp().getNano());
            RequestRecord r = m.request();
            for (String field : new String[] {r.id(), r.addr(), r.host(), r.method(), r.useragent(), m.actor().name(),
                m.source().addr(), m.source().instanceID(), event.repository().value()}) {
                out.writeUTF(field);
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
            if (version != VERSION) {
                throw new IllegalArgumentException("journal record version " + version + " is not " + VERSION);
            }
            int type = in.readUnsignedByte();
            String id = in.readUTF();
            Instant timestamp = Instant.ofEpochSecond(in.readLong(), in.readInt());
            RequestRecord request = new RequestRecord(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(),
                    in.readUTF());
            ActorRecord actor = new ActorRecord(in.readUTF());
            SourceRecord source = new SourceRecord(in.readUTF(), in.readUTF());
            EventMetadata meta = new EventMetadata(id, timestamp, request, actor, source);
            RepositoryName repository = RepositoryName.of(in.readUTF());
            return readFields(in, type, meta, repository);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable journal record: " + e, e);
        }
    }

    private static int typeOf(RegistryEvent event) {
        return TYPES.indexOf(event.getClass());
    }

    private static void writeFields(DataOutputStream out, RegistryEvent event) throws IOException {
        if (event instanceof ManifestPushed e) {
            writeManifest(out, e.descriptor(), e.tag(), e.references());
        } else if (event instanceof ManifestPulled e) {
            writeManifest(out, e.descriptor(), e.tag(), e.references());
        } else if (event instanceof ManifestDeleted e) {
            out.writeUTF(e.digest().toString());
        } else if (event instanceof BlobPushed e) {
            writeDescriptor(out, e.descriptor());
        } else if (event instanceof BlobPulled e) {
            writeDescriptor(out, e.descriptor());
        } else if (event instanceof BlobMounted e) {
            writeDescriptor(out, e.descriptor());
            out.writeUTF(e.fromRepository().value());
        } else if (event instanceof BlobDeleted e) {
            out.writeUTF(e.digest().toString());
        } else if (event instanceof TagDeleted e) {
            out.writeUTF(e.tag().value());
        }
    }

    private static RegistryEvent readFields(DataInputStream in, int type, EventMetadata m, RepositoryName repo)
            throws IOException {
        return switch (type) {
            case 0 -> new ManifestPushed(m, repo, readDescriptor(in), readTag(in), readDescriptors(in));
            case 1 -> new ManifestPulled(m, repo, readDescriptor(in), readTag(in), readDescriptors(in));
            case 2 -> new ManifestDeleted(m, repo, Digest.parse(in.readUTF()));
            case 3 -> new BlobPushed(m, repo, readDescriptor(in));
            case 4 -> new BlobPulled(m, repo, readDescriptor(in));
            case 5 -> new BlobMounted(m, repo, readDescriptor(in), RepositoryName.of(in.readUTF()));
            case 6 -> new BlobDeleted(m, repo, Digest.parse(in.readUTF()));
            case 7 -> new TagDeleted(m, repo, Tag.of(in.readUTF()));
            case 8 -> new RepositoryDeleted(m, repo);
            default -> throw new IllegalArgumentException("unknown event type " + type);
        };
    }

    private static void writeManifest(DataOutputStream out, Descriptor descriptor, Tag tag,
            List<Descriptor> references) throws IOException {
        writeDescriptor(out, descriptor);
        out.writeUTF(tag == null ? "" : tag.value());
        out.writeInt(references.size());
        for (Descriptor reference : references) {
            writeDescriptor(out, reference);
        }
    }

    private static void writeDescriptor(DataOutputStream out, Descriptor d) throws IOException {
        out.writeUTF(d.mediaType());
        out.writeLong(d.size());
        out.writeUTF(d.digest().toString());
    }

    private static Descriptor readDescriptor(DataInputStream in) throws IOException {
        return new Descriptor(in.readUTF(), in.readLong(), Digest.parse(in.readUTF()));
    }

    private static Tag readTag(DataInputStream in) throws IOException {
        String tag = in.readUTF();
        return tag.isEmpty() ? null : Tag.of(tag);
    }

    private static List<Descriptor> readDescriptors(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Descriptor> descriptors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            descriptors.add(readDescriptor(in));
        }
        return descriptors;
    }
}
