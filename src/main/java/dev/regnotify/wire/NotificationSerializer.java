package dev.regnotify.wire;

import java.util.concurrent.atomic.AtomicReference;

import dev.regnotify.config.Format;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.registry.Descriptor;

/**
 * Writes a notification with distribution's field names, order and omission rules. The
 * {@code v1} shape (distribution 2.x) omits every empty target field and orders descriptors
 * {@code mediaType, size, digest}; the {@code v2} shape (distribution 3.x) always writes {@code mediaType},
 * {@code digest} and {@code size}, in that order.
 */
final class NotificationSerializer {

    private static final byte[] ID = JsonOut.key("id");
    private static final byte[] TIMESTAMP = JsonOut.key("timestamp");
    private static final byte[] ACTION = JsonOut.key("action");
    private static final byte[] TARGET = JsonOut.key("target");
    private static final byte[] MEDIA_TYPE = JsonOut.key("mediaType");
    private static final byte[] SIZE = JsonOut.key("size");
    private static final byte[] DIGEST = JsonOut.key("digest");
    private static final byte[] LENGTH = JsonOut.key("length");
    private static final byte[] REPOSITORY = JsonOut.key("repository");
    private static final byte[] FROM_REPOSITORY = JsonOut.key("fromRepository");
    private static final byte[] URL = JsonOut.key("url");
    private static final byte[] TAG = JsonOut.key("tag");
    private static final byte[] REFERENCES = JsonOut.key("references");
    private static final byte[] REQUEST = JsonOut.key("request");
    private static final byte[] ADDR = JsonOut.key("addr");
    private static final byte[] HOST = JsonOut.key("host");
    private static final byte[] METHOD = JsonOut.key("method");
    private static final byte[] USERAGENT = JsonOut.key("useragent");
    private static final byte[] ACTOR = JsonOut.key("actor");
    private static final byte[] NAME = JsonOut.key("name");
    private static final byte[] SOURCE = JsonOut.key("source");
    private static final byte[] INSTANCE_ID = JsonOut.key("instanceID");
    private static final byte[] COMMA = {','};
    // a buffer grown past this is let go rather than kept
    private static final int KEPT_CAPACITY = 64 * 1024;

    private final boolean v2;
    // a buffer written again for each event, claimed by one encoding at a time (an endpoint's thread, in practice);
    // a concurrent encoding makes its own. A new one per event (768 bytes, then a copy of its used part) was a third
    // of the delivery's allocation, and a thread-local one cost a tenth of the delivering thread's samples in
    // lookups of its thread's map (JFR)
    private final AtomicReference<JsonOut> spare = new AtomicReference<>(new JsonOut(1024));
    // the source is the same for every event of a registry instance (an equal one in each event read back from a
    // journal or a broker): its JSON is made once
    private volatile EncodedSource lastSource;

    NotificationSerializer(Format format) {
        this.v2 = format == Format.V2;
    }

    /** @return the notification as JSON, compact */
    byte[] encode(Notification n) {
        JsonOut claimed = spare.getAndSet(null);
        JsonOut out = claimed != null ? claimed.reset() : new JsonOut(1024);
        out.writeStartObject()
                .write(ID, n.id())
                .writeTimestamp(TIMESTAMP, n.timestamp())
                .write(ACTION, n.action());
        writeTarget(out, n.target(), v2);
        writeRequest(out, n.request());
        writeActor(out, n.actor());
        out.raw(source(n.source()));
        out.writeEnd();
        byte[] encoded = out.toByteArray();
        if (encoded.length <= KEPT_CAPACITY) {
            spare.set(out);
        }
        return encoded;
    }

    /** @return {@code ,"source":{...}}, as it follows the actor */
    private byte[] source(SourceRecord source) {
        EncodedSource last = lastSource;
        if (last == null || !last.source().equals(source)) {
            JsonOut out = new JsonOut(128).raw(COMMA);
            writeSource(out, source);
            last = new EncodedSource(source, out.toByteArray());
            lastSource = last;
        }
        return last.json();
    }

    /** A source and its JSON; replaced whole, so that a reader sees both of one source. */
    private record EncodedSource(SourceRecord source, byte[] json) {
    }

    private static void writeTarget(JsonOut out, Target t, boolean v2) {
        out.writeStartObject(TARGET);
        writeDescriptorFields(out, t.mediaType(), t.size(), t.digest(), v2);
        if (t.length() != 0) {
            out.write(LENGTH, t.length());
        }
        optional(out, REPOSITORY, t.repository());
        optional(out, FROM_REPOSITORY, t.fromRepository());
        optional(out, URL, t.url());
        optional(out, TAG, t.tag());
        if (!t.references().isEmpty()) {
            out.writeStartArray(REFERENCES);
            for (Descriptor reference : t.references()) {
                out.writeStartObject();
                writeReference(out, reference, v2);
                out.writeEnd();
            }
            out.writeEnd();
        }
        out.writeEnd();
    }

    private static void writeDescriptorFields(JsonOut out, String mediaType, long size, String digest,
            boolean v2) {
        if (v2) {
            out.write(MEDIA_TYPE, mediaType).write(DIGEST, digest).write(SIZE, size);
        } else {
            optional(out, MEDIA_TYPE, mediaType);
            if (size != 0) {
                out.write(SIZE, size);
            }
            optional(out, DIGEST, digest);
        }
    }

    /** As {@link #writeDescriptorFields}, the digest written from its parts (a digest is never empty). */
    private static void writeReference(JsonOut out, Descriptor reference, boolean v2) {
        if (v2) {
            out.write(MEDIA_TYPE, reference.mediaType());
            writeDigest(out, reference);
            out.write(SIZE, reference.size());
        } else {
            optional(out, MEDIA_TYPE, reference.mediaType());
            if (reference.size() != 0) {
                out.write(SIZE, reference.size());
            }
            writeDigest(out, reference);
        }
    }

    private static void writeDigest(JsonOut out, Descriptor descriptor) {
        out.write(DIGEST, descriptor.digest().algorithm(), ':', descriptor.digest().hex());
    }

    private static void writeRequest(JsonOut out, RequestRecord request) {
        out.writeStartObject(REQUEST).write(ID, request.id());
        optional(out, ADDR, request.addr());
        optional(out, HOST, request.host());
        out.write(METHOD, request.method()).write(USERAGENT, request.useragent()).writeEnd();
    }

    private static void writeActor(JsonOut out, ActorRecord actor) {
        out.writeStartObject(ACTOR);
        optional(out, NAME, actor.name());
        out.writeEnd();
    }

    private static void writeSource(JsonOut out, SourceRecord source) {
        out.writeStartObject(SOURCE);
        optional(out, ADDR, source.addr());
        optional(out, INSTANCE_ID, source.instanceID());
        out.writeEnd();
    }

    private static void optional(JsonOut out, byte[] key, String value) {
        if (value != null && !value.isEmpty()) {
            out.write(key, value);
        }
    }
}
