package dev.regnotify.delivery.attempts;

import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * An attempt as a record of the attempt files: {@code [length][CRC-32C][payload]}, the payload versioned, its
 * events' summaries as {@link PackedSummaries} holds them (so that the log alone can say what an event was, and the
 * writer copies them rather than encoding the events again). And the hash by which the index finds an event id.
 */
final class AttemptCodec {

    /** Length and CRC before each payload. */
    static final int HEADER = 8;
    /** No payload is larger: what claims more is a torn or broken record. */
    static final int MAX_PAYLOAD = 64 << 20;
    // 1 held whole events in the records' encoding
    private static final int VERSION = 2;
    private static final Attempt.Next[] NEXTS = Attempt.Next.values();

    private AttemptCodec() {
    }

    /**
     * Appends the framed record at the buffer's position; if it does not fit, to a larger buffer that holds what the
     * given one held before its position.
     *
     * @param attempt the attempt
     * @param buffer where to append, its limit its capacity
     * @return the buffer that holds the record, its position after it
     */
    static ByteBuffer encode(Attempt attempt, ByteBuffer buffer) {
        ByteBuffer out = buffer;
        int start = out.position();
        while (true) {
            try {
                payload(out.position(start + HEADER), attempt);
                int end = out.position();
                CRC32C crc = new CRC32C();
                crc.update(out.duplicate().position(start + HEADER).limit(end));
                return out.putInt(start, end - start - HEADER).putInt(start + 4, (int) crc.getValue());
            } catch (BufferOverflowException e) {
                if (out.capacity() - start >= MAX_PAYLOAD + HEADER) {
                    throw new IllegalArgumentException("an attempt record over " + MAX_PAYLOAD + " bytes", e);
                }
                ByteBuffer larger = ByteBuffer.allocate(start + Math.min(MAX_PAYLOAD + HEADER,
                        Math.max(4096, (out.capacity() - start) * 2)));
                out = larger.put(out.duplicate().position(0).limit(start));
            }
        }
    }

    private static void payload(ByteBuffer out, Attempt attempt) {
        out.put((byte) VERSION);
        out.putLong(attempt.sequence());
        out.putLong(attempt.start().getEpochSecond()).putInt(attempt.start().getNano());
        out.putLong(attempt.duration().toNanos());
        out.putInt(attempt.number());
        out.putLong(attempt.bytes());
        out.putInt(attempt.status());
        out.put((byte) attempt.next().ordinal());
        out.putLong(attempt.retryAt() == null ? Long.MIN_VALUE : attempt.retryAt().toEpochMilli());
        text(out, attempt.body());
        text(out, attempt.error());
        text(out, attempt.retryAfter());
        PackedSummaries.pack(attempt.events()).writeTo(out);
    }

    /**
     * @param payload a record's payload, its CRC checked
     * @return the attempt
     * @throws IOException if it is not one
     */
    static Attempt decode(String endpoint, byte[] payload) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            int version = in.get() & 0xff;
            if (version != VERSION) {
                throw new IOException("an attempt record of version " + version + " (this version reads " + VERSION
                        + ")");
            }
            long sequence = in.getLong();
            Instant start = Instant.ofEpochSecond(in.getLong(), in.getInt());
            Duration duration = Duration.ofNanos(in.getLong());
            int number = in.getInt();
            long bytes = in.getLong();
            int status = in.getInt();
            int next = in.get() & 0xff;
            if (next >= NEXTS.length) {
                throw new IOException("an attempt record with an unknown outcome " + next);
            }
            long retryAt = in.getLong();
            String body = text(in);
            String error = text(in);
            String retryAfter = text(in);
            PackedSummaries events = PackedSummaries.readFrom(in);
            return new Attempt(endpoint, sequence, start, duration, number, events, bytes, status, body,
                    error, retryAfter, NEXTS[next], retryAt == Long.MIN_VALUE ? null : Instant.ofEpochMilli(retryAt));
        } catch (BufferUnderflowException | DateTimeException e) {
            throw new IOException("an attempt record that is not one: " + e, e);
        }
    }

    /** @return whether the payload's CRC is the one its header holds */
    static boolean intact(byte[] payload, int crc) {
        CRC32C check = new CRC32C();
        check.update(payload);
        return (int) check.getValue() == crc;
    }

    /** @return the index's hash of an event id: FNV-1a over its UTF-8, 64 bits */
    static long hash(String eventId) {
        byte[] utf8 = eventId.getBytes(StandardCharsets.UTF_8);
        return hash(utf8, 0, utf8.length);
    }

    /** @return the hash of the id whose UTF-8 is at {@code from} in the array, {@code length} bytes */
    static long hash(byte[] utf8, int from, int length) {
        long hash = 0xcbf29ce484222325L;
        for (int i = from; i < from + length; i++) {
            hash ^= utf8[i] & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** A length ({@code -1} for null) and UTF-8. */
    private static void text(ByteBuffer out, String value) {
        if (value == null) {
            out.putInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.putInt(utf8.length).put(utf8);
    }

    private static String text(ByteBuffer in) throws IOException {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        if (length > in.remaining()) {
            throw new IOException("a text of " + length + " bytes in an attempt record of " + in.limit());
        }
        String text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }
}
