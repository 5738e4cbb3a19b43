package dev.regnotify.wire;


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

    private final boolean v2;

    NotificationSerializer(Format format) {
        this.v2 = format == Format.V2;
    }

    /** @return the notification as JSON, compact */
    byte[] encode(Notification n) {
        JsonOut out = new JsonOut(768);
        out.writeStartObject()
                .write("id", n.id())
                .write("timestamp", Rfc3339.format(n.timestamp()))
                .write("action", n.action());
        writeTarget(out, n.target(), v2);
        writeRequest(out, n.request());
        writeActor(out, n.actor());
        writeSource(out, n.source());
        out.writeEnd();
        return out.toByteArray();
    }

    private static void writeTarget(JsonOut out, Target t, boolean v2) {
        out.writeStartObject("target");
        writeDescriptorFields(out, t.mediaType(), t.size(), t.digest(), v2);
        if (t.length() != 0) {
            out.write("length", t.length());
        }
        optional(out, "repository", t.repository());
        optional(out, "fromRepository", t.fromRepository());
        optional(out, "url", t.url());
        optional(out, "tag", t.tag());
        if (!t.references().isEmpty()) {
            out.writeStartArray("references");
            for (Descriptor reference : t.references()) {
                out.writeStartObject();
                writeDescriptorFields(out, reference.mediaType(), reference.size(), reference.digest().toString(), v2);
                out.writeEnd();
            }
            out.writeEnd();
        }
        out.writeEnd();
    }

    private static void writeDescriptorFields(JsonOut out, String mediaType, long size, String digest,
            boolean v2) {
        if (v2) {
            out.write("mediaType", mediaType).write("digest", digest).write("size", size);
        } else {
            optional(out, "mediaType", mediaType);
            if (size != 0) {
                out.write("size", size);
            }
            optional(out, "digest", digest);
        }
    }

    private static void writeRequest(JsonOut out, RequestRecord request) {
        out.writeStartObject("request").write("id", request.id());
        optional(out, "addr", request.addr());
        optional(out, "host", request.host());
        out.write("method", request.method()).write("useragent", request.useragent()).writeEnd();
    }

    private static void writeActor(JsonOut out, ActorRecord actor) {
        out.writeStartObject("actor");
        optional(out, "name", actor.name());
        out.writeEnd();
    }

    private static void writeSource(JsonOut out, SourceRecord source) {
        out.writeStartObject("source");
        optional(out, "addr", source.addr());
        optional(out, "instanceID", source.instanceID());
        out.writeEnd();
    }

    private static void optional(JsonOut out, String name, String value) {
        if (value != null && !value.isEmpty()) {
            out.write(name, value);
        }
    }
}
