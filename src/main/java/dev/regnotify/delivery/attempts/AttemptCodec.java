package dev.regnotify.delivery.attempts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import dev.regnotify.events.RegistryEvent;
import dev.regnotify.records.EventRecords;

/**
 * An attempt as a record of the attempt files: {@code [length][CRC-32C][payload]}, the payload versioned, the events
 * in the library's own record encoding ({@link EventRecords}) so that an event can be shown from the log alone. And
 * the hash by which the index finds an event id.
 */
final class AttemptCodec {

    /** Length and CRC before each payload. */
    static final int HEADER = 8;
    /** No payload is larger: what claims more is a torn or broken record. */
    static final int MAX_PAYLOAD = 64 << 20;
    private static final int VERSION = 1;
    private static final Attempt.Next[] NEXTS = Attempt.Next.values();

    private AttemptCodec() {
    }

    /** @return the framed record */
    static byte[] encode(Attempt attempt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + attempt.body().length() * 2);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0);
            out.writeInt(0);
            out.writeByte(VERSION);
            out.writeLong(attempt.sequence());
            out.writeLong(attempt.start().getEpochSecond());
            out.writeInt(attempt.start().getNano());
            out.writeLong(attempt.duration().toNanos());
            out.writeInt(attempt.number());
            out.writeLong(attempt.bytes());
            out.writeInt(attempt.status());
            out.writeByte(attempt.next().ordinal());
            out.writeLong(attempt.retryAt() == null ? Long.MIN_VALUE : attempt.retryAt().toEpochMilli());
            text(out, attempt.body());
            text(out, attempt.error());
            text(out, attempt.retryAfter());
            out.writeInt(attempt.events().size());
            for (RegistryEvent event : attempt.events()) {
                byte[] record = EventRecords.encode(event);
                out.writeInt(record.length);
                out.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail", e);
        }
        byte[] framed = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(framed, HEADER, framed.length - HEADER);
        ByteBuffer.wrap(framed).putInt(framed.length - HEADER).putInt((int) crc.getValue());
        return framed;
    }

    /**
     * @param payload a record's payload, its CRC checked
     * @return the attempt
     * @throws IOException if it is not one
     */
    static Attempt decode(String endpoint, byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("an attempt record of version " + version + " (this version reads " + VERSION + ")");
        }
        long sequence = in.readLong();
        Instant start = Instant.ofEpochSecond(in.readLong(), in.readInt());
        Duration duration = Duration.ofNanos(in.readLong());
        int number = in.readInt();
        long bytes = in.readLong();
        int status = in.readInt();
        int next = in.readUnsignedByte();
        if (next >= NEXTS.length) {
            throw new IOException("an attempt record with an unknown outcome " + next);
        }
        long retryAt = in.readLong();
        String body = text(in);
        String error = text(in);
        String retryAfter = text(in);
        int count = in.readInt();
        if (count < 0 || count > payload.length) {
            throw new IOException("an attempt record with " + count + " events");
        }
        List<RegistryEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] record = new byte[in.readInt()];
            in.readFully(record);
            try {
                events.add(EventRecords.decode(record));
            } catch (IllegalArgumentException e) {
                throw new IOException("an attempt record with an event that is not one", e);
            }
        }
        return new Attempt(endpoint, sequence, start, duration, number, events, bytes, status, body, error,
                retryAfter, NEXTS[next], retryAt == Long.MIN_VALUE ? null : Instant.ofEpochMilli(retryAt));
    }

    /** @return whether the payload's CRC is the one its header holds */
    static boolean intact(byte[] payload, int crc) {
        CRC32C check = new CRC32C();
        check.update(payload);
        return (int) check.getValue() == crc;
    }

    /** @return the index's hash of an event id: FNV-1a over its characters, 64 bits */
    static long hash(String eventId) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < eventId.length(); i++) {
            hash ^= eventId.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String text(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        if (length > MAX_PAYLOAD) {
            throw new IOException("a text of " + length + " bytes in an attempt record");
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
