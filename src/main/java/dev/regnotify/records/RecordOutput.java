package dev.regnotify.records;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a record's fields into a byte array that grows as needed: what {@link java.io.DataOutputStream} over a
 * {@link java.io.ByteArrayOutputStream} did, without a synchronized call per byte and a copy of every string's
 * bytes, which were two fifths of a forwarding instance's CPU. Big-endian numbers, as {@link RecordInput} reads
 * them. One writer per record, on one thread.
 */
final class RecordOutput {

    private byte[] bytes;
    private int size;

    /** @param capacity the bytes it holds before it first grows */
    RecordOutput(int capacity) {
        this.bytes = new byte[capacity];
    }

    void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void writeInt(int value) {
        ensure(Integer.BYTES);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    void writeLong(long value) {
        ensure(Long.BYTES);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    /** Writes a string as its UTF-8 length (a varint) and bytes; ASCII, nearly every field, without a copy. */
    void writeText(String value) {
        int length = value.length();
        if (!ascii(value, length)) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeLength(utf8.length);
            put(utf8, utf8.length);
            return;
        }
        writeLength(length);
        putAscii(value);
    }

    private void putAscii(String value) {
        int length = value.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size++] = (byte) value.charAt(i);
        }
    }

    /**
     * Writes {@code first + separator + second} as {@link #writeText} would, without making that string: a digest's
     * algorithm and hex, in ASCII (a digest's grammar allows nothing else).
     */
    void writeJoined(String first, char separator, String second) {
        if (!ascii(first, first.length()) || !ascii(second, second.length()) || separator >= 0x80) {
            writeText(first + separator + second);
            return;
        }
        writeLength(first.length() + 1 + second.length());
        putAscii(first);
        writeByte(separator);
        putAscii(second);
    }

    /** Writes what another writer holds as a field: its length (a varint) and its bytes. */
    void writeField(RecordOutput field) {
        writeLength(field.size);
        put(field.bytes, field.size);
    }

    private void put(byte[] source, int count) {
        ensure(count);
        System.arraycopy(source, 0, bytes, size, count);
        size += count;
    }

    /** A varint: seven bits a byte, the lowest first, the high bit set on every byte but the last. */
    private void writeLength(int value) {
        int length = value;
        while ((length & ~0x7F) != 0) {
            writeByte((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        writeByte(length);
    }

    /** @return a copy of what was written */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private static boolean ascii(String value, int length) {
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void ensure(int count) {
        if (bytes.length - size < count) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + count));
        }
    }
}
